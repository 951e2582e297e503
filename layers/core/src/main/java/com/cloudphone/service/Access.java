package com.cloudphone.service;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.AdminCount;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.store.Memberships;
import java.util.List;

/**
 * Turns a token's identity into the caller's live membership: a suspended or removed member, or any member of a
 * closed account, loses access at once, and the role that counts is the stored one, not the one in a token issued earlier.
 */
public final class Access {
    private final Memberships memberships;

    public Access(Memberships memberships) {
        this.memberships = memberships;
    }

    public Member member(Caller caller) {
        return memberships.member(caller.accountId(), caller.userId())
                .filter(m -> m.accepts(caller.issuedAt()))
                .orElseThrow(Access::noAccess);
    }

    /** The same check against the account's members when they have just been read (consistently) anyway. */
    public Member memberAmong(Caller caller, List<Member> members) {
        return members.stream()
                .filter(m -> m.userId().equals(caller.userId()))
                .findFirst()
                .filter(m -> m.accepts(caller.issuedAt()))
                .orElseThrow(Access::noAccess);
    }

    /**
     * True when {@code member} is the account's last admin who can sign in, or its last agency admin: demoting,
     * suspending or deleting them is refused. One read of the account's count; the change's own transaction makes
     * the same rule its condition, so a race between two such changes cannot get past it either.
     */
    public boolean isLastAdmin(Member member) {
        return refusalOfLosing(member) != null;
    }

    /** True when {@code member} is the last agency admin of their account who can sign in. */
    public boolean isLastAgencyAdmin(Member member) {
        return refusalOfLosing(member) == AdminCount.Refusal.LAST_AGENCY_ADMIN;
    }

    private AdminCount.Refusal refusalOfLosing(Member member) {
        if (!member.holdsAdmin()) {
            return null;
        }
        return memberships.adminCount(member.accountId()).refusal(AdminCount.change(member, null));
    }

    /**
     * docs/rules.md rule 4.7: an admin may not change or remove a member whose role in any account outranks theirs here
     * (a sub-account admin and the agency admin who is a member of that sub-account too).
     */
    public void requireMayManage(Member actor, Member target) {
        if (actor.userId().equals(target.userId())) {
            return;
        }
        for (Member m : liveMemberships(target)) {
            if (m.role().outranks(actor.role())) {
                throw ApiException.forbidden("This user has a higher role than yours in one of their accounts");
            }
        }
    }

    /**
     * Credentials and the email belong to the login, which all its memberships share: besides the login itself
     * (which proves its current password elsewhere), only an admin of every account the login belongs to may
     * change them.
     */
    public void requireMayChangeLogin(Member actor, Member target) {
        if (actor.userId().equals(target.userId())) {
            return;
        }
        requireMayManage(actor, target);
        for (Member m : liveMemberships(target)) {
            boolean adminThere = m.accountId().equals(actor.accountId())
                    || memberships.member(m.accountId(), actor.userId()).filter(a -> a.isAdmin() && a.canSignIn()).isPresent();
            if (!adminThere) {
                throw ApiException.forbidden("This login belongs to accounts you do not administer: only the user, "
                        + "or an admin of every one of their accounts, may change its password or email");
            }
        }
    }

    /** The target's memberships that are not removed, each read consistently (the index only finds them). */
    private List<Member> liveMemberships(Member target) {
        return memberships.memberships(target.userId()).stream()
                .map(m -> m.accountId().equals(target.accountId()) ? target
                        : memberships.member(m.accountId(), m.userId()).orElse(null))
                .filter(m -> m != null && m.status() != MemberStatus.REMOVED)
                .toList();
    }

    private static ApiException noAccess() {
        return new ApiException(ErrorCode.UNAUTHENTICATED, "This login has no access to the account");
    }

    public Member admin(Caller caller) {
        Member member = member(caller);
        if (!member.isAdmin()) {
            throw ApiException.forbidden("Only admins can do this");
        }
        return member;
    }

    /** {@link #selfOrAdmin}, and the user must be a member of the account (not removed): 404 otherwise. */
    public Member selfOrAdminOn(Caller caller, String userId) {
        Member actor = selfOrAdmin(caller, userId);
        memberships.current(caller.accountId(), userId)
                .orElseThrow(() -> ApiException.notFound("User"));
        return actor;
    }

    /** The caller if they are an admin or the user themself; someone else's id in the same account is 403. */
    public Member selfOrAdmin(Caller caller, String userId) {
        Member member = member(caller);
        if (!member.isAdmin() && !member.userId().equals(userId)) {
            throw ApiException.forbidden("Users can only see and change their own profile");
        }
        return member;
    }
}
