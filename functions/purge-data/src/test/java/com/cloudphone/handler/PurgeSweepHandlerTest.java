package com.cloudphone.handler;

import static com.cloudphone.testing.TestBackend.SAMPLE_ACCOUNT;
import static com.cloudphone.testing.TestBackend.SAMPLE_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Plan;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.Scenario;
import com.cloudphone.testing.TestBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PurgeSweepHandlerTest {
    private final TestBackend t = new TestBackend();
    private PurgeSweepHandler handler;
    private ScheduledEvent schedule;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        t.backend.calls.record(Samples.ADMIN, "+13125550100", new Samples(t).number("+14155550100"), SAMPLE_USER, 42,
                "2026-11-20T10:00:00Z");
        t.backend.deletion.delete(Samples.ADMIN, SAMPLE_USER);
        handler = new PurgeSweepHandler(t.backend);
        schedule = EventLoader.loadScheduledEvent("purge-sweep-schedule.json");
    }

    private Map<String, Object> sweep() {
        return handler.handleRequest(schedule, null);
    }

    @Test
    void theSampleIsAnEventBridgeScheduledEvent() {
        assertEquals("Scheduled Event", schedule.getDetailType());
        assertEquals("aws.events", schedule.getSource());
        assertEquals(1, schedule.getResources().size());
        assertTrue(schedule.getResources().get(0).startsWith("arn:aws:events:us-east-1:123456789012:rule/"));
        assertEquals(Instant.parse("2026-12-22T10:00:00Z").toEpochMilli(), schedule.getTime().getMillis());
    }

    @Test
    void aRemovedUserOfAPaidAccountIsPurgedOnlyAfter28DaysAndOnce() {
        assertEquals(Map.of("purged", List.of(), "failed", List.of(), "closures", List.of()), sweep());
        t.clock.advance(Duration.ofDays(28).minusHours(1));
        assertEquals(Map.of("purged", List.of(), "failed", List.of(), "closures", List.of()), sweep());
        assertEquals(MemberStatus.REMOVED, t.backend.memberships.member(SAMPLE_ACCOUNT, SAMPLE_USER).orElseThrow().status());
        assertEquals("sample-user", t.backend.calls.list(Samples.ADMIN, null, PageRequest.FIRST).items().get(0).userName());

        t.clock.advance(Duration.ofHours(1));
        assertEquals(Map.of("purged", List.of(SAMPLE_ACCOUNT + "/" + SAMPLE_USER), "failed", List.of(), "closures", List.of()), sweep());
        assertTrue(t.backend.memberships.member(SAMPLE_ACCOUNT, SAMPLE_USER).isEmpty());
        assertTrue(t.backend.logins.login(SAMPLE_USER).isEmpty());
        assertTrue(t.backend.calls.list(Samples.ADMIN, null, PageRequest.FIRST).items().get(0).userLabel().startsWith("Removed user "));

        var before = t.snapshot();
        int events = t.bus.published().size();
        t.clock.advance(Duration.ofHours(1));
        assertEquals(Map.of("purged", List.of(), "failed", List.of(), "closures", List.of()), sweep());
        assertEquals(before, t.snapshot(), "a second sweep changed the table");
        assertEquals(events, t.bus.published().size());
    }

    @Test
    void aFreeAccountsUserIsPurgedByTheNextSweepWhileThePaidOneWaits() {
        Scenario free = new Scenario(t, Plan.SOLO, false);
        var leaving = free.user("201");
        t.backend.deletion.delete(free.admin, leaving.userId());
        assertEquals(Map.of("purged", List.of(free.admin.accountId() + "/" + leaving.userId()), "failed", List.of(), "closures", List.of()),
                sweep());
        assertEquals(MemberStatus.REMOVED, t.backend.memberships.member(SAMPLE_ACCOUNT, SAMPLE_USER).orElseThrow().status());
    }
}
