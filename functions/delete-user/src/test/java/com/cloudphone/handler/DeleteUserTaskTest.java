package com.cloudphone.handler;

import static com.cloudphone.testing.TestBackend.SAMPLE_ACCOUNT;
import static com.cloudphone.testing.TestBackend.SAMPLE_ADMIN;
import static com.cloudphone.testing.TestBackend.SAMPLE_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.model.Job;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import com.cloudphone.workflow.StepFailed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteUserTaskTest {
    private final TestBackend t = new TestBackend();
    private final Samples samples = new Samples(t);
    private DeleteUserTask task;
    private String jobId;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        jobId = samples.startOffboarding(new OffboardingPlan(false, List.of(), List.of()));
        task = new DeleteUserTask(t.backend);
    }

    private Job job() {
        return t.backend.jobs.get(SAMPLE_ACCOUNT, jobId).orElseThrow();
    }

    private MemberStatus status() {
        return t.backend.memberships.member(SAMPLE_ACCOUNT, SAMPLE_USER).orElseThrow().status();
    }

    @Test
    void removesTheUserAndAnswersWithPurgeAtForTheWait() {
        int seats = t.backend.accountStore.account(SAMPLE_ACCOUNT).orElseThrow().seatsUsed();
        Map<String, Object> result = task.handleRequest(Samples.task("task-delete-user.json", jobId), null);
        assertEquals(Map.of("userId", SAMPLE_USER, "removedAt", "2026-11-24T09:00:00Z",
                "purgeAt", "2026-12-22T09:00:00Z"), result);
        assertEquals(MemberStatus.REMOVED, status());
        assertEquals(seats - 1, t.backend.accountStore.account(SAMPLE_ACCOUNT).orElseThrow().seatsUsed());
        Job job = job();
        assertEquals(JobStatus.WAITING_FOR_PURGE, job.status());
        assertEquals("WAITING_FOR_PURGE", job.currentStep());
        assertTrue(job.stepsJson().get("deleteUser").contains("2026-12-22T09:00:00Z"), job.stepsJson().toString());
    }

    @Test
    void runningItTwiceAnswersTheSameAndChangesNothing() {
        Map<String, Object> first = task.handleRequest(Samples.task("task-delete-user.json", jobId), null);
        var before = t.snapshot();
        int events = t.bus.published().size();
        t.clock.advance(java.time.Duration.ofMinutes(5));
        Map<String, Object> second = task.handleRequest(Samples.task("task-delete-user.json", jobId), null);
        assertEquals(first, second, "the repeat answers from the tombstone: same removedAt and purgeAt");
        assertEquals(events, t.bus.published().size());
        assertEquals(JobStatus.WAITING_FOR_PURGE, job().status());
        assertEquals(MemberStatus.REMOVED, status());
        // only the job's updatedAt moved with the clock
        var after = t.snapshot();
        after.removeAll(before);
        assertEquals(1, after.size(), after.toString());
        assertEquals("JOB#" + jobId, after.iterator().next().get("sk").s());
    }

    @Test
    void aUserStillLoggedInFailsTheStepWithUserLoggedIn() {
        samples.device();
        var before = t.snapshot();
        StepFailed failed = assertThrows(StepFailed.class,
                () -> task.handleRequest(Samples.task("task-delete-user.json", jobId), null));
        var error = Samples.errorBody(failed);
        assertEquals("USER_LOGGED_IN", error.path("code").asText());
        assertEquals(List.of(Samples.DEVICE), error.path("details").findValuesAsText("deviceId"));
        assertEquals(StepFailed.ERROR_NAME, failed.getClass().getName());
        assertEquals(before, t.snapshot(), "neither the user nor the job changed");
        assertEquals(MemberStatus.ACTIVE, status());
        assertEquals("STARTING", job().currentStep());
    }

    @Test
    void aDependencyAddedSinceThePlanFailsTheStepNamingIt() {
        samples.assigned(Samples.REASSIGNED, SAMPLE_USER);
        var error = Samples.errorBody(assertThrows(StepFailed.class,
                () -> task.handleRequest(Samples.task("task-delete-user.json", jobId), null)));
        assertEquals("USER_HAS_DEPENDENCIES", error.path("code").asText());
        assertEquals(List.of(Samples.REASSIGNED), error.path("details").findValuesAsText("number"));
        assertEquals(MemberStatus.ACTIVE, status());
    }

    @Test
    void theLastAdminIsNeverDeleted() {
        Map<String, Object> input = Samples.task("task-delete-user.json", jobId);
        input.put("userId", SAMPLE_ADMIN);
        var error = Samples.errorBody(assertThrows(StepFailed.class, () -> task.handleRequest(input, null)));
        assertEquals("INVALID_STATE", error.path("code").asText());
        assertEquals(MemberStatus.ACTIVE, t.backend.memberships.member(SAMPLE_ACCOUNT, SAMPLE_ADMIN).orElseThrow().status());
    }
}
