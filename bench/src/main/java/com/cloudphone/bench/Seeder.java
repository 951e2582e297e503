package com.cloudphone.bench;

import com.cloudphone.Backend;
import com.cloudphone.model.Account;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Login;
import com.cloudphone.model.Member;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Role;
import com.cloudphone.model.UserKind;
import com.cloudphone.service.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills the table with accounts as the product makes them, through the same store and service calls: each TEAM
 * account has an owner, 24 more members (half with an email, all with an extension), 10 numbers of which 6 are
 * assigned, and the outbox event of every change: 174 items an account. Members are written by
 * {@code Memberships.addMember} with one bcrypt hash made up front (hashing each would make seeding 20,000 items
 * take minutes and measure nothing). It stops after any single write once enough items are in, so the next call
 * carries on in the same account.
 */
final class Seeder {
    static final int MEMBERS = 24;
    static final int NUMBERS = 10;
    static final int ASSIGNED = 6;

    private final Backend backend;
    private final String hash;
    private int accounts;
    private int step;
    private long nextNumber = 2_000_000_000L;
    private String accountId;
    private Caller owner;
    private final List<String> memberIds = new ArrayList<>();
    private final List<String> numbers = new ArrayList<>();

    Seeder(Backend backend) {
        this.backend = backend;
        this.hash = backend.hasher.hash("Welcome-2026");
    }

    /** Writes at least {@code items} more items. */
    void add(long items) {
        long written = 0;
        while (written < items) {
            written += next();
        }
    }

    /** One write of the current account's story; returns how many items it added to the table. */
    private int next() {
        String now = backend.clock.instant().toString();
        int s = step++;
        if (s == 0) {
            accounts++;
            accountId = Ids.next("a");
            String ownerId = Ids.next("u");
            owner = new Caller(ownerId, accountId, Role.ADMIN.name());
            memberIds.clear();
            numbers.clear();
            String username = "seed" + accounts + ".owner";
            backend.accountStore.createAccount(
                    new Account(accountId, "Seed account " + accounts, Plan.TEAM, true, 100, 1, null, now, null),
                    new Member(accountId, ownerId, UserKind.INTERNAL, Role.ADMIN, MemberStatus.ACTIVE, username, null,
                            "Owner " + accounts, "100", "America/New_York", null, false, false, now),
                    new Login(ownerId, username, null, hash, 0, null, null, 0),
                    new DomainEvent("AccountOpened", accountId, now, Map.of("plan", "TEAM", "paid", true,
                            "ownerUserId", ownerId)));
            return 6; // account, login, username claim, member, extension claim, event
        }
        if (s <= MEMBERS) {
            String userId = Ids.next("u");
            String username = "seed" + accounts + ".user" + s;
            String email = s % 2 == 0 ? username + "@example.com" : null;
            backend.memberships.addMember(
                    new Member(accountId, userId, UserKind.INTERNAL, Role.USER, MemberStatus.ACTIVE, username, email,
                            "User " + s + " of " + accounts, Integer.toString(100 + s), "America/Chicago", null,
                            false, false, now),
                    new Login(userId, username, email, hash, 0, null, null, 0),
                    new DomainEvent("UserAdded", accountId, now, Map.of("userId", userId, "kind", "INTERNAL",
                            "role", "USER", "addedBy", owner.userId())));
            memberIds.add(userId);
            return email == null ? 5 : 6; // login, username (and email) claim, member, extension claim, event
        }
        if (s <= MEMBERS + NUMBERS) {
            String number = "+1" + nextNumber++;
            backend.numberService.add(owner, number);
            numbers.add(number);
            return 3; // global claim, number, event
        }
        int a = s - MEMBERS - NUMBERS - 1;
        backend.numberService.assign(owner, numbers.get(a), memberIds.get(a));
        if (a == ASSIGNED - 1) {
            step = 0;
        }
        return 1; // the event; the number item is updated in place
    }
}
