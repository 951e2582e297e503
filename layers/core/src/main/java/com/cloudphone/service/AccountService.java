package com.cloudphone.service;

import static com.cloudphone.service.Refusals.decide;

import com.cloudphone.error.ApiException;
import com.cloudphone.model.Account;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Event;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import com.cloudphone.store.Accounts;
import com.cloudphone.store.Memberships;
import java.time.Clock;
import java.util.List;

/**
 * Opening accounts. In AWS billing does this through its own events; the local stack exposes it as
 * {@code POST /dev/accounts} so a newcomer can start.
 */
public final class AccountService {
    private final Accounts accounts;
    private final Memberships memberships;
    private final PasswordHasher hasher;
    private final Clock clock;

    public AccountService(Accounts accounts, Memberships memberships, PasswordHasher hasher, Clock clock) {
        this.accounts = accounts;
        this.memberships = memberships;
        this.hasher = hasher;
        this.clock = clock;
    }

    public record Opened(Account account, Member owner) {
    }

    /** Opens an account whose owner is its first admin; {@code ownerPassword} may be null (token-only owner). */
    public Opened open(String name, Plan plan, boolean paid, Integer seatLimit, String ownerUsername,
                       String ownerPassword) {
        return open(name, plan, paid, seatLimit, ownerUsername, ownerPassword, null, false);
    }

    /**
     * Opens an account. An agency ({@code agency}) is a top-level account whose owner is an AGENCY_ADMIN; a
     * sub-account names its agency ({@code parentAccountId}), and every agency admin of that agency becomes a
     * member of it too (docs/rules.md rule 11.1: they reach every sub-account and leave them only all at once).
     */
    public Opened open(String name, Plan plan, boolean paid, Integer seatLimit, String ownerUsername,
                       String ownerPassword, String parentAccountId, boolean agency) {
        List<Member> agencyAdmins = List.of();
        if (parentAccountId != null) {
            if (agency) {
                throw ApiException.invalid("agency", "a sub-account cannot be an agency itself");
            }
            Account parent = accounts.account(parentAccountId)
                    .orElseThrow(() -> ApiException.invalid("parentAccountId", "no such account"));
            if (parent.parentAccountId() != null || parent.closed()) {
                throw ApiException.invalid("parentAccountId", "must be an open agency account, not a sub-account");
            }
            agencyAdmins = memberships.members(parentAccountId).stream()
                    .filter(m -> m.role() == Role.AGENCY_ADMIN && m.status() == MemberStatus.ACTIVE).toList();
        }
        String now = clock.instant().toString();
        Account account = new Account(Ids.next("a"), name, plan, paid, seatLimit, 1, parentAccountId, now, null);
        String ownerId = Ids.next("u");
        Login login = new Login(ownerId, ownerUsername, null, ownerPassword == null ? null : hasher.hash(ownerPassword),
                0, null, null, 0);
        Member owner = new Member(account.accountId(), ownerId, UserKind.INTERNAL, agency ? Role.AGENCY_ADMIN : Role.ADMIN,
                MemberStatus.ACTIVE, ownerUsername, null, name + " owner", null, null, null, false, false, now);
        decide(() -> accounts.createAccount(account, owner, login, DomainEvent.of(account.accountId(), now,
                new Event.AccountOpened(plan, paid, ownerId, parentAccountId))));
        for (Member admin : agencyAdmins) {
            Member here = new Member(account.accountId(), admin.userId(), admin.kind(), Role.AGENCY_ADMIN,
                    MemberStatus.ACTIVE, admin.username(), admin.email(), admin.displayName(), null, admin.timezone(),
                    null, false, false, now);
            decide(() -> memberships.addMembership(here, DomainEvent.of(account.accountId(), now,
                    new Event.UserAdded(admin.userId(), admin.kind(), Role.AGENCY_ADMIN, "agency"))));
        }
        return new Opened(account, owner);
    }

    /**
     * Local stack only ({@code POST /dev/agency-admins}; nothing in the HTTP API makes one yet): another agency
     * admin of an open agency, a member of the agency account and of every open sub-account, as the owner is.
     */
    public Member addAgencyAdmin(String agencyAccountId, String username, String password, String displayName) {
        accounts.account(agencyAccountId)
                .filter(a -> a.parentAccountId() == null && !a.closed())
                .filter(a -> memberships.members(a.accountId()).stream().anyMatch(m -> m.role() == Role.AGENCY_ADMIN))
                .orElseThrow(() -> ApiException.invalid("agencyAccountId", "must be an open agency account"));
        String now = clock.instant().toString();
        String userId = Ids.next("u");
        Login login = new Login(userId, username, null, hasher.hash(password), 0, null, null, 0);
        Member member = new Member(agencyAccountId, userId, UserKind.INTERNAL, Role.AGENCY_ADMIN, MemberStatus.ACTIVE,
                username, null, displayName, null, null, null, false, false, now);
        decide(() -> memberships.addMember(member, login, DomainEvent.of(agencyAccountId, now,
                new Event.UserAdded(userId, UserKind.INTERNAL, Role.AGENCY_ADMIN, "agency"))));
        for (Account sub : accounts.subAccounts(agencyAccountId)) {
            if (sub.closed()) {
                continue;
            }
            Member here = new Member(sub.accountId(), userId, UserKind.INTERNAL, Role.AGENCY_ADMIN, MemberStatus.ACTIVE,
                    username, null, displayName, null, null, null, false, false, now);
            decide(() -> memberships.addMembership(here, DomainEvent.of(sub.accountId(), now,
                    new Event.UserAdded(userId, UserKind.INTERNAL, Role.AGENCY_ADMIN, "agency"))));
        }
        return member;
    }
}
