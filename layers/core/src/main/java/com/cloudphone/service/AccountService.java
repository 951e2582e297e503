package com.cloudphone.service;

import com.cloudphone.event.DomainEvent;
import com.cloudphone.model.Account;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import com.cloudphone.store.Directory;
import java.time.Clock;
import java.util.Map;

/**
 * Opening accounts. In AWS billing does this through its own events; the local stack exposes it as
 * {@code POST /dev/accounts} so a newcomer can start.
 */
public final class AccountService {
    private final Directory directory;
    private final PasswordHasher hasher;
    private final Clock clock;

    public AccountService(Directory directory, PasswordHasher hasher, Clock clock) {
        this.directory = directory;
        this.hasher = hasher;
        this.clock = clock;
    }

    public record Opened(Account account, Member owner) {
    }

    /** Opens an account whose owner is its first admin; {@code ownerPassword} may be null (token-only owner). */
    public Opened open(String name, Plan plan, boolean paid, Integer seatLimit, String ownerUsername,
                       String ownerPassword) {
        String now = clock.instant().toString();
        Account account = new Account(Ids.next("a"), name, plan, paid, seatLimit, 1, null, now, null);
        String ownerId = Ids.next("u");
        Login login = new Login(ownerId, ownerUsername, null, ownerPassword == null ? null : hasher.hash(ownerPassword),
                0, null, null, 0);
        Member owner = new Member(account.accountId(), ownerId, UserKind.INTERNAL, Role.ADMIN, MemberStatus.ACTIVE,
                ownerUsername, null, name + " owner", null, null, null, false, false, now);
        directory.createAccount(account, owner, login, new DomainEvent("AccountOpened", account.accountId(), now,
                Map.of("plan", plan.name(), "paid", paid, "ownerUserId", ownerId)));
        return new Opened(account, owner);
    }
}
