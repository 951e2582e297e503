package com.cloudphone.handler;

import static com.cloudphone.testing.TestBackend.SAMPLE_ACCOUNT;
import static com.cloudphone.testing.TestBackend.SAMPLE_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.model.Call;
import com.cloudphone.model.Job;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.model.PageRequest;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import com.cloudphone.workflow.StepFailed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PurgeTaskTest {
    private final TestBackend t = new TestBackend();
    private final Samples samples = new Samples(t);
    private PurgeTask task;
    private String jobId;

    /** The workflow up to its Wait: u_sampleuser (one call in the log) removed from the paid sample account. */
    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        t.backend.calls.record(Samples.ADMIN, "+13125550100", samples.number("+14155550100"), SAMPLE_USER, 42,
                "2026-11-20T10:00:00Z");
        jobId = samples.startOffboarding(new OffboardingPlan(false, List.of(), List.of()));
        t.backend.steps.deleteUser(Samples.task("task-delete-user.json", jobId));
        task = new PurgeTask(t.backend);
    }

    private Job job() {
        return t.backend.jobs.get(SAMPLE_ACCOUNT, jobId).orElseThrow();
    }

    private List<Call> calls() {
        return t.backend.calls.list(Samples.ADMIN, null, PageRequest.FIRST).items();
    }

    @Test
    void beforeThe28DaysThePurgeIsRefusedAndNothingChanges() {
        t.clock.advance(Duration.ofDays(28).minusSeconds(1));
        var before = t.snapshot();
        StepFailed failed = assertThrows(StepFailed.class,
                () -> task.handleRequest(Samples.task("task-purge-data.json", jobId), null));
        var error = Samples.errorBody(failed);
        assertEquals("INVALID_STATE", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("2026-12-22T09:00:00Z"), error.toString());
        assertEquals(before, t.snapshot());
        assertEquals(JobStatus.WAITING_FOR_PURGE, job().status());
        assertEquals("sample-user", calls().get(0).userName());
    }

    @Test
    void onceDueItErasesTheProfileAnonymisesCallsAndFinishesTheJob() {
        t.clock.advance(Duration.ofDays(28));
        Map<String, Object> result = task.handleRequest(Samples.task("task-purge-data.json", jobId), null);
        assertEquals("PURGED", result.get("outcome"));
        assertEquals(SAMPLE_USER, result.get("userId"));
        assertEquals("2026-12-22T09:00:00Z", result.get("purgedAt"));
        assertEquals(1, result.get("callsAnonymised"));
        assertEquals(false, result.get("loginKept"));

        assertTrue(t.backend.memberships.member(SAMPLE_ACCOUNT, SAMPLE_USER).isEmpty());
        assertTrue(t.backend.logins.login(SAMPLE_USER).isEmpty());
        assertTrue(t.backend.logins.loginByUsername("sample-user").isEmpty());
        Call call = calls().get(0);
        assertNull(call.userId());
        assertNull(call.userName());
        assertTrue(call.userLabel().startsWith("Removed user "), call.userLabel());
        assertEquals("UserPurged", t.bus.published().get(t.bus.published().size() - 1).type());

        Job job = job();
        assertEquals(JobStatus.SUCCEEDED, job.status());
        assertEquals("DONE", job.currentStep());
        assertTrue(job.stepsJson().get("purge").contains("\"outcome\":\"PURGED\""), job.stepsJson().toString());
    }

    @Test
    void runningItTwiceEndsTheSame() {
        t.clock.advance(Duration.ofDays(28));
        task.handleRequest(Samples.task("task-purge-data.json", jobId), null);
        var calls = calls();
        int events = t.bus.published().size();

        Map<String, Object> again = task.handleRequest(Samples.task("task-purge-data.json", jobId), null);
        assertEquals(Map.of("userId", SAMPLE_USER, "outcome", "ALREADY_PURGED", "purgedAt", "2026-12-22T09:00:00Z"), again);
        assertEquals(calls, calls());
        assertEquals(events, t.bus.published().size());
        assertTrue(t.backend.memberships.member(SAMPLE_ACCOUNT, SAMPLE_USER).isEmpty());
        assertEquals(JobStatus.SUCCEEDED, job().status());
        assertEquals("DONE", job().currentStep());
    }

    @Test
    void withoutAJobIdItPurgesAndStillEndsTheJobLeftWaiting() {
        t.clock.advance(Duration.ofDays(28));
        Map<String, Object> input = Samples.task("task-purge-data.json");
        input.put("jobId", null);
        assertEquals("PURGED", task.handleRequest(input, null).get("outcome"));
        assertTrue(t.backend.memberships.member(SAMPLE_ACCOUNT, SAMPLE_USER).isEmpty());
        Job job = job();
        assertEquals(JobStatus.SUCCEEDED, job.status());
        assertEquals("DONE", job.currentStep());
    }

    @Test
    void aUserWhoWasNeverRemovedHasNothingToPurge() {
        Map<String, Object> input = Samples.task("task-purge-data.json", jobId);
        input.put("userId", TestBackend.SAMPLE_ADMIN);
        var error = Samples.errorBody(assertThrows(StepFailed.class, () -> task.handleRequest(input, null)));
        assertEquals("NOT_FOUND", error.path("code").asText());
        assertEquals(MemberStatus.ACTIVE,
                t.backend.memberships.member(SAMPLE_ACCOUNT, TestBackend.SAMPLE_ADMIN).orElseThrow().status());
    }
}
