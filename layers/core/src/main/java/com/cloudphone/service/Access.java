package com.cloudphone.service;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Member;
import com.cloudphone.store.Directory;
import java.util.List;

/**
 * Turns a token's identity into the caller's live membership: a suspended or removed member, or any member of a
 * closed account, loses access at once, and the role that counts is the stored one, not the one in a token issued earlier.
 */
public final class Access {
    private final Directory directory;

    public Access(Directory directory) {
        this.directory = directory;
    }

    public Member member(Caller caller) {
        return directory.member(caller.accountId(), caller.userId())
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

    /** True when {@code member} is the account's only active admin: demoting, suspending or deleting them is refused. */
    public boolean isLastAdmin(Member member) {
        return member.isAdmin() && directory.members(member.accountId()).stream()
                .noneMatch(m -> m.isAdmin() && m.canSignIn() && !m.userId().equals(member.userId()));
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

    /** The caller if they are an admin or the user themself; someone else's id in the same account is 403. */
    public Member selfOrAdmin(Caller caller, String userId) {
        Member member = member(caller);
        if (!member.isAdmin() && !member.userId().equals(userId)) {
            throw ApiException.forbidden("Users can only see and change their own profile");
        }
        return member;
    }
}
