package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.error.FieldProblem;
import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.OffboardingPlan.CallflowAction;
import com.cloudphone.model.OffboardingPlan.CallflowActionKind;
import com.cloudphone.model.OffboardingPlan.NumberAction;
import com.cloudphone.model.OffboardingPlan.NumberActionKind;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.model.Plan;
import com.cloudphone.testing.Scenario;
import com.cloudphone.testing.TestBackend;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OffboardingServiceTest {
    private final TestBackend t = new TestBackend();
    private final Scenario s = new Scenario(t, Plan.TEAM, true);

    @Test
    void aPlanThatLeavesABlockerIsRefusedNamingIt() {
        var leaving = s.user("1002");
        var other = s.user("1003");
        t.backend.queues.create(s.admin, "Demo 1", List.of(leaving.userId()));
        var group = t.backend.callflows.create(s.admin, "Group", CallflowKind.GROUP, List.of(), null,
                List.of(leaving.userId(), other.userId()));
        var direct = t.backend.callflows.create(s.admin, "Direct", CallflowKind.DIRECT, List.of(), leaving.userId(), List.of());
        String number = s.number("+14155550700");
        t.backend.numberService.assign(s.admin, number, leaving.userId());

        ApiException empty = assertThrows(ApiException.class,
                () -> t.backend.offboarding.start(s.admin, leaving.userId(), new OffboardingPlan(false, List.of(), List.of())));
        List<String> fields = empty.details().stream().map(d -> ((FieldProblem) d).field()).toList();
        assertEquals(List.of("callflows", "callflows", "numbers", "queues"), fields.stream().sorted().toList());

        OffboardingPlan wrong = new OffboardingPlan(true,
                List.of(new CallflowAction(direct.callflowId(), CallflowActionKind.DROP_FROM_GROUP, null),
                        new CallflowAction(group.callflowId(), CallflowActionKind.MOVE_NUMBERS, group.callflowId())),
                List.of(new NumberAction(number, NumberActionKind.REASSIGN, leaving.userId(), null),
                        new NumberAction("+14155550799", NumberActionKind.RECYCLE, null, null)));
        ApiException invalid = assertThrows(ApiException.class,
                () -> t.backend.offboarding.start(s.admin, leaving.userId(), wrong));
        assertEquals(4, invalid.details().size(), invalid.details().toString());
        assertTrue(t.started.isEmpty());
        assertTrue(t.backend.jobs.latestFor(s.admin.accountId(), leaving.userId()).isEmpty());
    }

    @Test
    void aStepRunAgainKeepsTheResultOfTheRunThatDidTheWork() {
        var leaving = s.user("1002");
        String jobId = t.backend.offboarding.start(s.admin, leaving.userId(),
                new OffboardingPlan(false, List.of(), List.of())).jobId();
        t.backend.jobs.recordStep(s.admin.accountId(), jobId, "queues", "{\"removedFrom\":[\"q_1\"]}",
                "REMOVE_FROM_QUEUES", com.cloudphone.model.JobStatus.RUNNING, "2026-11-24T09:00:00Z");
        t.backend.jobs.recordStep(s.admin.accountId(), jobId, "queues", "{\"removedFrom\":[]}",
                "REMOVE_FROM_QUEUES", com.cloudphone.model.JobStatus.RUNNING, "2026-11-24T09:00:01Z");
        var job = t.backend.jobs.get(s.admin.accountId(), jobId).orElseThrow();
        assertEquals("{\"removedFrom\":[\"q_1\"]}", job.stepsJson().get("queues"));
        assertEquals("2026-11-24T09:00:01Z", job.updatedAt());
    }

    @Test
    void oneJobAtATimeUnlessItsExecutionWasLost() {
        var leaving = s.user("1002");
        OffboardingPlan plan = new OffboardingPlan(false, List.of(), List.of());
        String first = t.backend.offboarding.start(s.admin, leaving.userId(), plan).jobId();
        assertEquals(first, t.backend.offboarding.start(s.admin, leaving.userId(), plan).jobId());
        assertEquals(1, t.started.size());
        OffboardingPlan other = new OffboardingPlan(true, List.of(), List.of());
        assertEquals(ErrorCode.JOB_IN_PROGRESS, assertThrows(ApiException.class,
                () -> t.backend.offboarding.start(s.admin, leaving.userId(), other)).code());

        t.clock.advance(OffboardingService.STALLED_AFTER.plus(Duration.ofMinutes(1)));
        String second = t.backend.offboarding.start(s.admin, leaving.userId(), plan).jobId();
        assertNotEquals(first, second);
        assertEquals(2, t.started.size());
    }

    @Test
    void aUserBroughtBackAndDeletedAgainGetsAPurgeExecutionOfTheirOwn() {
        var user = s.user("1003");
        t.backend.offboarding.deleteNow(s.admin, user.userId());
        var removed = t.backend.memberships.member(s.admin.accountId(), user.userId()).orElseThrow();
        t.clock.advance(Duration.ofDays(3)); // within the 28 days of a paid account: the data is still there
        t.backend.memberships.reviveMembership(removed.activeAs(com.cloudphone.model.Role.USER),
                new com.cloudphone.model.DomainEvent("UserAdded", s.admin.accountId(), t.clock.instant().toString(),
                        java.util.Map.of("userId", user.userId())));
        t.backend.offboarding.deleteNow(s.admin, user.userId());
        assertEquals(2, t.started.size());
        assertNotEquals(t.started.get(0)[0], t.started.get(1)[0], "Step Functions refuses a name used before");
    }
}
