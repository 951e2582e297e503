package com.cloudphone.handler;

import static com.cloudphone.testing.TestBackend.SAMPLE_ACCOUNT;
import static com.cloudphone.testing.TestBackend.SAMPLE_ADMIN;
import static com.cloudphone.testing.TestBackend.SAMPLE_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.model.Job;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import com.cloudphone.workflow.StepFailed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoveFromQueuesTaskTest {
    private final TestBackend t = new TestBackend();
    private final Samples samples = new Samples(t);
    private RemoveFromQueuesTask task;
    private String jobId;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        samples.queue(SAMPLE_USER, SAMPLE_ADMIN);
        jobId = samples.startOffboarding(new OffboardingPlan(true, List.of(), List.of()));
        task = new RemoveFromQueuesTask(t.backend);
    }

    private Job job() {
        return t.backend.jobs.get(SAMPLE_ACCOUNT, jobId).orElseThrow();
    }

    /** Members are stored as a set: compare them as one. */
    private Set<String> members() {
        return Set.copyOf(t.backend.queueStore.get(SAMPLE_ACCOUNT, Samples.QUEUE).orElseThrow().memberUserIds());
    }

    @Test
    void takesTheUserOutOfEveryQueueAndRecordsTheStep() {
        Map<String, Object> result = task.handleRequest(Samples.task("task-remove-from-queues.json", jobId), null);
        assertEquals(Map.of("removedFrom", List.of(Samples.QUEUE), "outcome", "DONE"), result);
        assertEquals(Set.of(SAMPLE_ADMIN), members());
        Job job = job();
        assertEquals(JobStatus.RUNNING, job.status());
        assertEquals("REMOVE_FROM_QUEUES", job.currentStep());
        assertTrue(job.stepsJson().get("queues").contains(Samples.QUEUE), job.stepsJson().toString());
        assertEquals("UserRemovedFromQueue", t.bus.published().get(t.bus.published().size() - 1).type());
    }

    @Test
    void runningItTwiceEndsTheSame() {
        task.handleRequest(Samples.task("task-remove-from-queues.json", jobId), null);
        var once = t.backend.queueStore.list(SAMPLE_ACCOUNT);
        int events = t.bus.published().size();

        Map<String, Object> again = task.handleRequest(Samples.task("task-remove-from-queues.json", jobId), null);
        assertEquals("DONE", again.get("outcome"));
        assertEquals(List.of(), again.get("removedFrom"));
        assertEquals(once, t.backend.queueStore.list(SAMPLE_ACCOUNT));
        assertEquals(events, t.bus.published().size());
        assertEquals(JobStatus.RUNNING, job().status());
        assertEquals("REMOVE_FROM_QUEUES", job().currentStep());
    }

    @Test
    void aPlanThatKeepsQueuesSkipsTheStep() {
        Map<String, Object> input = Samples.task("task-remove-from-queues.json", jobId);
        input.put("queues", "KEEP");
        assertEquals(Map.of("outcome", "SKIPPED"), task.handleRequest(input, null));
        assertEquals(Set.of(SAMPLE_USER, SAMPLE_ADMIN), members());
    }

    @Test
    void anInputWithoutTheUserFailsTheStepAndChangesNothing() {
        Map<String, Object> input = Samples.task("task-remove-from-queues.json", jobId);
        input.remove("userId");
        StepFailed failed = assertThrows(StepFailed.class, () -> task.handleRequest(input, null));
        var error = Samples.errorBody(failed);
        assertEquals("VALIDATION_FAILED", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("userId"), error.toString());
        assertEquals(Set.of(SAMPLE_USER, SAMPLE_ADMIN), members());
        assertEquals("STARTING", job().currentStep());
        assertEquals(Map.of(), job().stepsJson());
    }
}
