package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Blocker;
import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.DeviceKind;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Plan;
import com.cloudphone.testing.Scenario;
import com.cloudphone.testing.TestBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DeletionServiceTest {
    private final TestBackend t = new TestBackend();

    @Test
    void everyBlockerIsListedAtOnceAndTheDeleteWritesNothing() {
        Scenario s = new Scenario(t, Plan.TEAM, true);
        var leaving = s.user("1002");
        var other = s.user("1003");
        t.backend.queues.create(s.admin, "Demo 1", List.of(leaving.userId(), other.userId()));
        var direct = t.backend.callflows.create(s.admin, "Direct 1002", CallflowKind.DIRECT,
                List.of(s.number("+14155550100")), leaving.userId(), List.of());
        t.backend.callflows.create(s.admin, "Group A", CallflowKind.GROUP, List.of(), null,
                List.of(leaving.userId(), other.userId()));
        String assigned = s.number("+14155550101");
        t.backend.numberService.assign(s.admin, assigned, leaving.userId());
        t.backend.devices.logIn(s.as(leaving), leaving.userId(), DeviceKind.SOFTPHONE, "Jet Phone on laptop");

        List<Blocker> blockers = t.backend.deletion.blockers(s.admin, leaving.userId());
        assertEquals(Set.of("QUEUE", "CALLFLOW", "NUMBER", "DEVICE"),
                blockers.stream().map(Blocker::type).collect(Collectors.toSet()));
        assertEquals(5, blockers.size(), blockers.toString());
        Blocker.InQueue queue = blockers.stream().filter(b -> b.type().equals("QUEUE")).map(Blocker.InQueue.class::cast)
                .findFirst().orElseThrow();
        assertEquals("Demo 1", queue.name());
        assertEquals("1002", queue.extension());
        Blocker.InCallflow directBlocker = blockers.stream().filter(Blocker.InCallflow.class::isInstance)
                .map(Blocker.InCallflow.class::cast).filter(b -> direct.callflowId().equals(b.callflowId()))
                .findFirst().orElseThrow();
        assertEquals(List.of(1), directBlocker.versions());

        ApiException refused = assertThrows(ApiException.class, () -> t.backend.deletion.delete(s.admin, leaving.userId()));
        assertEquals(ErrorCode.USER_HAS_DEPENDENCIES, refused.code());
        assertEquals(blockers, refused.details());
        assertEquals("ACTIVE", t.backend.users.get(s.admin, leaving.userId()).status());
    }

    @Test
    void aDeletedUserIsGoneAtOnceAndTheirCallsStay() {
        Scenario s = new Scenario(t, Plan.TEAM, true);
        var leaving = s.user("1002");
        var call = t.backend.calls.record(s.admin, "+14155559999", s.number("+14155550200"), leaving.userId(), 42,
                "2026-11-20T10:00:00Z");
        int seatsBefore = t.backend.accountStore.account(s.admin.accountId()).orElseThrow().seatsUsed();

        var deleted = t.backend.deletion.delete(s.admin, leaving.userId());
        assertEquals(Instant.parse("2026-11-24T09:00:00Z").plus(Duration.ofDays(28)).toString(), deleted.purgeAt());
        assertEquals(ErrorCode.NOT_FOUND, assertThrows(ApiException.class,
                () -> t.backend.users.get(s.admin, leaving.userId())).code());
        assertTrue(t.backend.users.list(s.admin, PageRequest.FIRST).items().stream().noneMatch(u -> u.userId().equals(leaving.userId())));
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(ApiException.class,
                () -> t.backend.sessions.signIn(leaving.username(), "Welcome-2026", null)).code());
        assertEquals(ErrorCode.VALIDATION_FAILED, assertThrows(ApiException.class,
                () -> t.backend.calls.list(s.admin, leaving.userId(), PageRequest.FIRST).items()).code());
        assertEquals(List.of(call), t.backend.calls.list(s.admin, null, PageRequest.FIRST).items());
        assertEquals(seatsBefore - 1, t.backend.accountStore.account(s.admin.accountId()).orElseThrow().seatsUsed());
        assertEquals("UserRemoved", t.bus.published().get(t.bus.published().size() - 1).type());
        // the extension is free again
        s.user("1002");
    }

    @Test
    void freeAccountsPurgeAtOnceAndTheLastAdminStays() {
        Scenario s = new Scenario(t, Plan.FREE, false);
        assertEquals(ErrorCode.INVALID_STATE, assertThrows(ApiException.class,
                () -> t.backend.deletion.delete(s.admin, s.admin.userId())).code());
        Scenario paidSolo = new Scenario(t, Plan.SOLO, false);
        var leaving = paidSolo.user("2001");
        assertEquals(t.clock.instant().toString(), t.backend.deletion.delete(paidSolo.admin, leaving.userId()).purgeAt());
    }

    @Test
    void aDependencyAddedAfterTheCheckStopsTheDelete() {
        Scenario s = new Scenario(t, Plan.TEAM, true);
        var leaving = s.user("1002");
        var member = t.backend.memberships.member(s.admin.accountId(), leaving.userId()).orElseThrow();
        long linksSeen = t.backend.memberships.links(s.admin.accountId(), leaving.userId());
        // between the blocker check and the delete, a number is assigned
        t.backend.numberService.assign(s.admin, s.number("+14155550300"), leaving.userId());
        var tombstone = new com.cloudphone.model.Tombstone(s.admin.accountId(), leaving.userId(), "2026-11-24T09:00:00Z",
                "2026-11-24T09:00:00Z", null, "Removed user test");
        assertEquals(ErrorCode.CONFLICT, assertThrows(ApiException.class,
                () -> Refusals.decide(() -> t.backend.memberships.removeMember(member, linksSeen, tombstone,
                        new com.cloudphone.model.DomainEvent("UserRemoved", s.admin.accountId(), "2026-11-24T09:00:00Z",
                                java.util.Map.of("userId", leaving.userId()))))).code());
        assertEquals("ACTIVE", t.backend.users.get(s.admin, leaving.userId()).status());
    }
}
