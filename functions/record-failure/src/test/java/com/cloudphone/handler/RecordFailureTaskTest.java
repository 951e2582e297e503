package com.cloudphone.handler;

import static com.cloudphone.testing.TestBackend.SAMPLE_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.model.Job;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import com.cloudphone.testing.TestJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecordFailureTaskTest {
    private final TestBackend t = new TestBackend();
    private final Samples samples = new Samples(t);
    private RecordFailureTask task;
    private String jobId;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        jobId = samples.startOffboarding(new OffboardingPlan(false, List.of(), List.of()));
        task = new RecordFailureTask(t.backend);
    }

    private Job job() {
        return t.backend.jobs.get(SAMPLE_ACCOUNT, jobId).orElseThrow();
    }

    private JsonNode error() throws Exception {
        return TestJson.MAPPER.readTree(job().errorJson());
    }

    @Test
    void aStepFailedBecomesTheJobsErrorWithItsCode() throws Exception {
        t.clock.advance(Duration.ofSeconds(30));
        Map<String, Object> result = task.handleRequest(Samples.task("task-record-failure.json", jobId), null);
        assertEquals(Map.of("recorded", true, "code", "USER_LOGGED_IN"), result);
        Job job = job();
        assertEquals(JobStatus.FAILED, job.status());
        assertEquals("2026-11-24T09:00:30Z", job.updatedAt());
        assertEquals("USER_LOGGED_IN", error().path("code").asText());
        assertEquals(List.of(Samples.DEVICE), error().path("details").findValuesAsText("deviceId"));

        var view = t.backend.offboarding.job(Samples.ADMIN, jobId);
        assertEquals("FAILED", view.status());
        Map<?, ?> shown = (Map<?, ?>) view.error();
        assertEquals("USER_LOGGED_IN", shown.get("code"));
        assertTrue(((String) shown.get("message")).contains("log them out"), shown.toString());
    }

    @Test
    void recordingTwiceEndsTheSame() {
        Map<String, Object> first = task.handleRequest(Samples.task("task-record-failure.json", jobId), null);
        var before = t.snapshot();
        assertEquals(first, task.handleRequest(Samples.task("task-record-failure.json", jobId), null));
        assertEquals(before, t.snapshot());
    }

    @Test
    void anyOtherErrorIsRecordedAsAStepError() throws Exception {
        Map<String, Object> input = Samples.task("task-record-failure.json", jobId);
        input.put("error", Map.of("Error", "States.Timeout", "Cause", "Task timed out after 15.00 seconds"));
        assertEquals(Map.of("recorded", true, "code", "STEP_ERROR"), task.handleRequest(input, null));
        assertEquals(JobStatus.FAILED, job().status());
        assertEquals("States.Timeout: Task timed out after 15.00 seconds", error().path("message").asText());

        input.put("error", Map.of("Error", "java.lang.IllegalStateException",
                "Cause", "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}"));
        task.handleRequest(input, null);
        assertEquals("java.lang.IllegalStateException: boom", error().path("message").asText());
    }

    @Test
    void withoutAJobNothingIsWritten() {
        Map<String, Object> input = Samples.task("task-record-failure.json");
        input.remove("jobId");
        var before = t.snapshot();
        assertEquals("USER_LOGGED_IN", task.handleRequest(input, null).get("code"));
        assertEquals(before, t.snapshot());
    }
}
