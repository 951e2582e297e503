package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.DeviceKind;
import com.cloudphone.model.NumberState;
import com.cloudphone.model.Plan;
import com.cloudphone.model.UserKind;
import com.cloudphone.testing.TestBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/rules.md rule 10.4: closing an account removes and purges every member on the account's window. */
class ClosureServiceTest {
    private final TestBackend t = new TestBackend();

    /** A TEAM account with a raised limit, {@code members} users besides the owner, numbers, contacts and calls. */
    private Caller account(boolean paid, String prefix, int members, List<String> userIds) {
        var opened = t.backend.accounts.open(prefix, Plan.TEAM, paid, members + 1, prefix + "-owner", "Owner-pass-1");
        Caller owner = new Caller(opened.owner().userId(), opened.account().accountId(), "ADMIN");
        userIds.add(owner.userId());
        for (int i = 0; i < members; i++) {
            userIds.add(t.backend.users.add(owner, new NewUser(UserKind.INTERNAL, prefix + "-u" + i, null,
                    "Welcome-2026", "User " + i, String.valueOf(1000 + i), "Europe/London", null, false)).userId());
        }
        for (int i = 0; i < 3; i++) {
            String number = "+1415557" + (paid ? "1" : "2") + String.format("%03d", i);
            t.backend.numberService.add(owner, number);
            t.backend.numberService.assign(owner, number, userIds.get(i + 1));
            t.backend.numberService.addContact(owner, number, "Lead " + i, "+1312555010" + i);
            t.backend.calls.record(owner, "+13125550100", number, userIds.get(i + 1), 60, "2026-11-20T10:00:00Z");
        }
        t.backend.queues.create(owner, "Support", userIds.subList(1, 11));
        t.backend.callflows.create(owner, "Sales", CallflowKind.GROUP, List.of("+1415557" + (paid ? "1" : "2") + "000"),
                null, userIds.subList(1, 6));
        t.backend.devices.logIn(new Caller(userIds.get(1), owner.accountId(), "USER"), userIds.get(1),
                DeviceKind.SOFTPHONE, "Laptop");
        return owner;
    }

    private Map<String, Object> close(String accountId) {
        // one billing event per account: a second call is its redelivery
        return t.backend.billing.apply("AccountClosed", Map.of("accountId", accountId), t.clock.instant().toString(),
                "ev-close-" + accountId);
    }

    @Test
    void aClosedPaidAccountOf200MembersIsRemovedAtOnceAndPurgedAfter28Days() {
        List<String> users = new ArrayList<>();
        Caller owner = account(true, "closing", 200, users);
        String accountId = owner.accountId();

        @SuppressWarnings("unchecked")
        Map<String, Object> windDown = (Map<String, Object>) close(accountId).get("windDown");
        assertEquals(201, windDown.get("membersRemoved"));
        assertEquals(3, windDown.get("numbersReleased"));
        assertEquals(3, windDown.get("contactsDeleted"));
        assertEquals("2026-12-22T09:00:00Z", windDown.get("purgeAt"));
        assertTrue(t.backend.memberships.members(accountId).isEmpty(), "nobody is a member any more");
        assertTrue(t.backend.numbers.list(accountId).stream().allMatch(n -> n.state() == NumberState.RELEASED));
        assertTrue(t.backend.numbers.contacts(accountId, "+14155571000").isEmpty(), "the leads' data goes");
        assertTrue(t.backend.queueStore.list(accountId).isEmpty());
        assertTrue(t.backend.callflowStore.list(accountId).isEmpty());
        assertEquals(201, new HashSet<>(t.started.stream().map(s -> s[0]).toList()).size(),
                "one purge execution per member, each its own name");

        // a redelivered closure changes nothing more, and tells nobody again
        var before = t.snapshot();
        Map<String, Object> again = close(accountId);
        assertEquals("STALE", again.get("outcome"));
        assertEquals(0, ((Map<?, ?>) again.get("windDown")).get("membersRemoved"));
        assertTrue(before.equals(t.snapshot()), "a redelivered closure changed the table");

        // the window of a paid account: nothing is due before it ends, everything after (the sweep is the net)
        assertEquals(List.of(), t.backend.purge.sweep().get("purged"));
        t.clock.advance(Duration.ofDays(28));
        assertEquals(201, ((List<?>) t.backend.purge.sweep().get("purged")).size());
        for (String userId : users) {
            assertTrue(t.backend.logins.login(userId).isEmpty(), "login of " + userId + " erased");
            assertTrue(t.backend.memberships.member(accountId, userId).isEmpty(), "profile of " + userId + " erased");
            assertTrue(t.backend.deviceStore.of(accountId, userId).isEmpty(), "devices of " + userId + " erased");
        }
        assertTrue(t.backend.logins.loginByUsername("closing-u7").isEmpty());
        assertTrue(t.backend.callLog.recent(accountId, 1000).stream()
                .allMatch(c -> c.userId() == null && c.userName() == null && c.userLabel().startsWith("Removed user ")));
    }

    /**
     * A wind-down that runs out of time (a Lambda invocation has a timeout; an account may have thousands of
     * members) stops between two members, and the hourly sweep carries it on until nobody is left.
     */
    @Test
    void aWindDownCutShortIsFinishedByTheHourlySweep() {
        List<String> users = new ArrayList<>();
        Caller owner = account(false, "closing-cut", 30, users);
        java.util.concurrent.atomic.AtomicInteger budget = new java.util.concurrent.atomic.AtomicInteger(12);
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) t.backend.billing.apply("AccountClosed",
                Map.of("accountId", owner.accountId()), t.clock.instant().toString(), "ev-cut",
                () -> budget.getAndDecrement() > 0).get("windDown");
        assertEquals(false, first.get("complete"));
        assertTrue((Integer) first.get("membersRemoved") < 31, "cut short: " + first);
        assertTrue(!t.backend.memberships.members(owner.accountId()).isEmpty(), "members left for the sweep");

        List<Map<String, Object>> continued = t.backend.closures.continueUnfinished(() -> true);
        assertEquals(1, continued.size());
        assertEquals(true, continued.get(0).get("complete"));
        assertTrue(t.backend.memberships.members(owner.accountId()).isEmpty(), "nobody is a member any more");
        assertEquals(List.of(), t.backend.closures.continueUnfinished(() -> true), "nothing left to carry on");
        assertEquals(31, ((List<?>) t.backend.purge.sweep().get("purged")).size());
        assertTrue(users.stream().allMatch(u -> t.backend.logins.login(u).isEmpty()));
    }

    @Test
    void aClosedFreeAccountIsDueForPurgeAtOnce() {
        List<String> users = new ArrayList<>();
        Caller owner = account(false, "closing-free", 10, users);
        close(owner.accountId());
        assertEquals(11, ((List<?>) t.backend.purge.sweep().get("purged")).size());
        assertTrue(users.stream().allMatch(u -> t.backend.logins.login(u).isEmpty()));
    }
}
