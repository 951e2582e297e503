package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.error.FieldProblem;
import com.cloudphone.model.Account;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Plan;
import com.cloudphone.model.ProfileChangePolicy;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import com.cloudphone.store.Accounts;
import com.cloudphone.store.Lazy;
import com.cloudphone.store.Logins;
import com.cloudphone.store.Memberships;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** Adding, listing and editing the members of an account. */
public final class UserService {
    private final Accounts accounts;
    private final Memberships memberships;
    private final Logins logins;
    private final Access access;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final Duration invitationLifetime;

    public UserService(Accounts accounts, Memberships memberships, Logins logins, Access access, PasswordHasher hasher, Clock clock, Duration invitationLifetime) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.logins = logins;
        this.access = access;
        this.hasher = hasher;
        this.clock = clock;
        this.invitationLifetime = invitationLifetime;
    }

    public UserView add(Caller caller, NewUser request) {
        access.admin(caller);
        if (request.leadRouting()) {
            Plan plan = plan(caller.accountId());
            if (!plan.allowsLeadRouting()) {
                throw refusal(ProfileChangePolicy.Refusal.LEAD_ROUTING_NEEDS_PLAN, () -> plan, null);
            }
        }
        String userId = Ids.next("u");
        String now = clock.instant().toString();
        boolean invited = request.kind() == UserKind.INVITED;
        Invitation invitation = invited ? Invitation.create(userId, clock.instant().plus(invitationLifetime)) : null;
        Login login = new Login(userId, request.username(), request.email(),
                invited ? null : hasher.hash(request.password()), 0, null,
                invited ? invitation.hash() : null, 0, invited ? invitation.expiresAt() : null);
        Member member = new Member(caller.accountId(), userId, request.kind(), request.admin() ? Role.ADMIN : Role.USER,
                invited ? MemberStatus.INVITED : MemberStatus.ACTIVE, request.username(), request.email(),
                request.displayName(), request.extension(), request.timezone(), request.businessHours(), false,
                request.leadRouting(), now);
        decide(() -> memberships.addMember(member, login, DomainEvent.of(caller.accountId(), now,
                new Event.UserAdded(userId, request.kind(), member.role(), caller.userId()))));
        return invited ? UserView.invited(member, invitation.token(), invitation.expiresAt()) : UserView.of(member);
    }

    /**
     * Admins page through every member; a user sees only themself, on one last page (a cursor is refused: no page
     * of theirs has a next one). When the token says admin and the caller is on the page read (the first page of
     * a small account), that consistent Query also holds the caller's live membership, so the list costs one read
     * instead of two; the stored status and role decide, as everywhere.
     */
    public Page<UserView> list(Caller caller, PageRequest request) {
        if (Role.ADMIN.name().equals(caller.role()) || Role.AGENCY_ADMIN.name().equals(caller.role())) {
            Page<Member> page = decide(() -> memberships.members(caller.accountId(), request));
            Member me = page.items().stream().anyMatch(m -> m.userId().equals(caller.userId()))
                    ? access.memberAmong(caller, page.items()) : access.member(caller);
            return me.isAdmin() ? page.map(UserView::of) : own(me, request);
        }
        Member me = access.member(caller);
        if (!me.isAdmin()) {
            return own(me, request);
        }
        return decide(() -> memberships.members(caller.accountId(), request)).map(UserView::of);
    }

    private static Page<UserView> own(Member me, PageRequest request) {
        if (request.cursor() != null) {
            throw ApiException.invalid("cursor", PageRequest.CURSOR_RULE);
        }
        return Page.last(List.of(UserView.of(me)));
    }

    /** An account the caller's login may sign in to, with their role there. */
    public record Membership(String accountId, String name, String role) {
    }

    /** Who the caller is, in which account (seats only for admins), and every account their login can enter. */
    public record Me(UserView user, String accountId, String accountName, String plan, String parentAccountId,
                     Integer seatsUsed, Integer seats, List<Membership> accounts) {
    }

    public Me me(Caller caller) {
        Member me = access.member(caller);
        Account account = accounts.account(caller.accountId()).orElseThrow(() -> ApiException.notFound("Account"));
        List<Membership> reachable = memberships.memberships(caller.userId()).stream().filter(Member::canSignIn)
                .map(m -> new Membership(m.accountId(),
                        accounts.account(m.accountId()).map(Account::name).orElse(null), m.role().name()))
                .sorted(Comparator.comparing(Membership::accountId)).toList();
        boolean admin = me.isAdmin();
        return new Me(UserView.of(me), account.accountId(), account.name(), account.plan().name(),
                account.parentAccountId(), admin ? account.seatsUsed() : null, admin ? account.plan().seats(account.seatLimit()) : null, reachable);
    }

    public UserView get(Caller caller, String userId) {
        access.selfOrAdmin(caller, userId);
        Member member = current(caller.accountId(), userId);
        if (member.status() == MemberStatus.INVITED) {
            return UserView.pending(member, logins.login(userId).map(Login::invitationExpiresAt).orElse(null));
        }
        return UserView.of(member);
    }

    public UserView patch(Caller caller, String userId, UserPatch patch) {
        Member actor = access.selfOrAdmin(caller, userId);
        Member before = current(caller.accountId(), userId);
        access.requireMayManage(actor, before);
        if (patch.password() != null || patch.email().changes()) {
            access.requireMayChangeLogin(actor, before);
        }
        ProfileChangePolicy.Asked asked = new ProfileChangePolicy.Asked(patch.admin(), patch.suspended(),
                patch.leadRouting(), patch.password() != null);
        // read at most once, and only when a rule needs it (the refusal's message names it too)
        Supplier<Plan> plan = new Lazy<>(() -> plan(caller.accountId()));
        ProfileChangePolicy.refusal(actor, before, asked, plan, () -> memberships.adminCount(caller.accountId()))
                .ifPresent(r -> {
                    throw refusal(r, plan, userId);
                });
        if (patch.password() != null || patch.email().changes()) {
            requireCurrentPasswordOfSelf(actor, before, patch);
        }
        Member after = apply(before, patch);
        List<String> settings = changedFields(before, after);
        List<String> changed = new ArrayList<>(settings);
        if (patch.password() != null) {
            changed.add("password");
        }
        if (changed.isEmpty()) {
            return UserView.of(after);
        }
        DomainEvent updated = DomainEvent.of(caller.accountId(), clock.instant().toString(),
                new Event.UserUpdated(userId, changed, caller.userId()));
        // the event goes with the last write, so it is there exactly when everything it lists is
        if (!settings.isEmpty()) {
            decide(() -> memberships.updateMember(before, after, patch.password() == null ? updated : null));
        }
        if (patch.password() != null) {
            // every token of this login issued before now stops working, in every account it belongs to
            decide(() -> logins.changePassword(userId, hasher.hash(patch.password()), clock.instant().toEpochMilli(), updated));
        }
        return UserView.of(after);
    }

    private Plan plan(String accountId) {
        return accounts.account(accountId).orElseThrow(() -> ApiException.notFound("Account")).plan();
    }

    /** What each of the profile rules' refusals says (docs/rules.md rules 3.1, 4, 11, 14.1, 19). */
    private static ApiException refusal(ProfileChangePolicy.Refusal refusal, Supplier<Plan> plan, String userId) {
        return switch (refusal) {
            case ONLY_ADMINS_CHANGE_ACCESS -> ApiException.forbidden(
                    "Only admins can change admin access, lead routing or suspend users");
            case LEAD_ROUTING_NEEDS_PLAN -> new ApiException(ErrorCode.PLAN_FEATURE_UNAVAILABLE,
                    "The lead router and call broadcast come with the TEAM plan; this account is " + plan.get(),
                    List.of(new FieldProblem("leadRouting", "needs the TEAM plan")));
            case AGENCY_ADMIN_EVERYWHERE -> new ApiException(ErrorCode.INVALID_STATE, "An agency admin keeps that role "
                    + "in every account of the agency; remove them from all of them at once (DELETE /agency/users/"
                    + userId + ")");
            case LAST_ADMIN -> new ApiException(ErrorCode.INVALID_STATE, "The account must keep at least one active admin");
            case INVITED_USER_ACCEPTS_INVITATION -> ApiException.invalid("password",
                    "an invited user sets a password by accepting the invitation");
        };
    }

    /** The login changing its own password or email proves it is the person: a stolen session alone cannot. */
    private void requireCurrentPasswordOfSelf(Member actor, Member target, UserPatch patch) {
        if (!actor.userId().equals(target.userId())) {
            return;
        }
        Login login = logins.login(target.userId()).orElseThrow(() -> ApiException.notFound("Login"));
        if (login.passwordHash() == null) {
            return; // an invited user who has not set a password yet has nothing to prove
        }
        if (patch.currentPassword() == null || !hasher.matches(login.passwordHash(), patch.currentPassword())) {
            throw ApiException.invalid("currentPassword", "does not match the current password");
        }
    }

    Member current(String accountId, String userId) {
        return memberships.current(accountId, userId).orElseThrow(() -> ApiException.notFound("User"));
    }

    private static Member apply(Member m, UserPatch p) {
        Role role = p.admin() == null ? m.role()
                : p.admin() ? (m.role() == Role.AGENCY_ADMIN ? Role.AGENCY_ADMIN : Role.ADMIN) : Role.USER;
        return m.withRole(role)
                .withEmail(p.email().applyTo(m.email()))
                .withDisplayName(p.displayName().applyTo(m.displayName()))
                .withExtension(p.extension().applyTo(m.extension()))
                .withTimezone(p.timezone().applyTo(m.timezone()))
                .withBusinessHours(p.businessHours().applyTo(m.businessHours()))
                .withSuspended(p.suspended() == null ? m.suspended() : p.suspended())
                .withLeadRouting(p.leadRouting() == null ? m.leadRouting() : p.leadRouting());
    }

    private static List<String> changedFields(Member a, Member b) {
        Map<String, Boolean> fields = new LinkedHashMap<>();
        fields.put("displayName", !Objects.equals(a.displayName(), b.displayName()));
        fields.put("email", !Objects.equals(a.email(), b.email()));
        fields.put("extension", !Objects.equals(a.extension(), b.extension()));
        fields.put("timezone", !Objects.equals(a.timezone(), b.timezone()));
        fields.put("businessHours", !Objects.equals(a.businessHours(), b.businessHours()));
        fields.put("suspended", a.suspended() != b.suspended());
        fields.put("admin", a.role() != b.role());
        fields.put("leadRouting", a.leadRouting() != b.leadRouting());
        return fields.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }
}
