package com.cloudphone.handler;

import static com.cloudphone.testing.TestBackend.SAMPLE_ACCOUNT;
import static com.cloudphone.testing.TestBackend.SAMPLE_ADMIN;
import static com.cloudphone.testing.TestBackend.SAMPLE_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.model.Blocker;
import com.cloudphone.model.Callflow;
import com.cloudphone.model.CallflowStatus;
import com.cloudphone.model.CallflowVersion;
import com.cloudphone.model.Job;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.OffboardingPlan.CallflowAction;
import com.cloudphone.model.OffboardingPlan.CallflowActionKind;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import com.cloudphone.workflow.StepFailed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallflowTaskTest {
    private final TestBackend t = new TestBackend();
    private final Samples samples = new Samples(t);
    private CallflowTask task;
    private String jobId;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        samples.direct(Samples.DIRECT, "Direct line Sample User", SAMPLE_USER, Samples.DIRECT_NUMBER);
        samples.direct(Samples.MAIN, "Main line", SAMPLE_ADMIN, Samples.MAIN_NUMBER);
        samples.group(Samples.GROUP, "Sales", List.of(Samples.GROUP_NUMBER), SAMPLE_USER, SAMPLE_ADMIN);
        jobId = samples.startOffboarding(new OffboardingPlan(false, List.of(
                new CallflowAction(Samples.DIRECT, CallflowActionKind.MOVE_NUMBERS, Samples.MAIN),
                new CallflowAction(Samples.GROUP, CallflowActionKind.DROP_FROM_GROUP, null)), List.of()));
        task = new CallflowTask(t.backend);
    }

    private Optional<Callflow> callflow(String id) {
        return t.backend.callflowStore.get(SAMPLE_ACCOUNT, id);
    }

    private Job job() {
        return t.backend.jobs.get(SAMPLE_ACCOUNT, jobId).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(Map<String, Object> input) {
        return (Map<String, Object>) input.get("item");
    }

    @Test
    void moveNumbersHandsTheDirectLinesNumbersToTheTargetAndDeletesIt() {
        Map<String, Object> result = task.handleRequest(Samples.task("task-callflow-move-numbers.json", jobId), null);
        assertEquals(Map.of("callflowId", Samples.DIRECT, "action", "MOVE_NUMBERS", "targetCallflowId", Samples.MAIN,
                "numbersMoved", List.of(Samples.DIRECT_NUMBER), "outcome", "DONE"), result);
        assertTrue(callflow(Samples.DIRECT).isEmpty());
        assertEquals(List.of(Samples.MAIN_NUMBER, Samples.DIRECT_NUMBER), callflow(Samples.MAIN).orElseThrow().numbers());
        assertEquals(Samples.MAIN, t.backend.numbers.get(SAMPLE_ACCOUNT, Samples.DIRECT_NUMBER).orElseThrow().callflowId());

        Job job = job();
        assertEquals(JobStatus.RUNNING, job.status());
        assertEquals("CALLFLOWS", job.currentStep());
        assertTrue(job.stepsJson().get("callflow:" + Samples.DIRECT).contains("\"outcome\":\"DONE\""), job.stepsJson().toString());
    }

    @Test
    void moveNumbersTwiceEndsTheSame() {
        task.handleRequest(Samples.task("task-callflow-move-numbers.json", jobId), null);
        Callflow main = callflow(Samples.MAIN).orElseThrow();
        var again = task.handleRequest(Samples.task("task-callflow-move-numbers.json", jobId), null);
        assertEquals("ALREADY_DONE", again.get("outcome"));
        assertEquals(main, callflow(Samples.MAIN).orElseThrow(), "a repeat must not touch the target again");
        assertTrue(callflow(Samples.DIRECT).isEmpty());
        assertEquals("CALLFLOWS", job().currentStep());
        assertEquals(JobStatus.RUNNING, job().status());
    }

    @Test
    void dropFromGroupSavesAVersionWithoutTheUserAndDeletesTheOnesNamingThem() {
        Map<String, Object> result = task.handleRequest(Samples.task("task-callflow-drop-from-group.json", jobId), null);
        assertEquals(Map.of("callflowId", Samples.GROUP, "action", "DROP_FROM_GROUP", "newVersion", 2,
                "deletedVersions", List.of(1), "outcome", "DONE"), result);
        Callflow group = callflow(Samples.GROUP).orElseThrow();
        assertEquals(List.of(2), group.versions().stream().map(CallflowVersion::version).toList());
        assertEquals(CallflowStatus.ACTIVE, group.versions().get(0).status());
        assertEquals(List.of(SAMPLE_ADMIN), group.versions().get(0).dialUserIds());
        assertEquals(List.of(Samples.GROUP_NUMBER), group.numbers());
        assertFalse(t.backend.deletion.blockers(Samples.ADMIN, SAMPLE_USER).stream()
                .anyMatch(b -> b instanceof Blocker.InCallflow c && Samples.GROUP.equals(c.callflowId())));
        assertTrue(job().stepsJson().containsKey("callflow:" + Samples.GROUP), job().stepsJson().toString());
    }

    @Test
    void dropFromGroupTwiceEndsTheSame() {
        task.handleRequest(Samples.task("task-callflow-drop-from-group.json", jobId), null);
        Callflow group = callflow(Samples.GROUP).orElseThrow();
        var again = task.handleRequest(Samples.task("task-callflow-drop-from-group.json", jobId), null);
        assertEquals(Map.of("callflowId", Samples.GROUP, "action", "DROP_FROM_GROUP", "deletedVersions", List.of(),
                "outcome", "DONE"), again);
        assertEquals(group, callflow(Samples.GROUP).orElseThrow());
    }

    @Test
    void aTargetThatIsGoneFailsTheStepAndChangesNothing() {
        Map<String, Object> input = Samples.task("task-callflow-move-numbers.json", jobId);
        item(input).put("targetCallflowId", "cf_deletedmeanwhile");
        var before = t.snapshot();
        StepFailed failed = assertThrows(StepFailed.class, () -> task.handleRequest(input, null));
        var error = Samples.errorBody(failed);
        assertEquals("INVALID_STATE", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("cf_deletedmeanwhile"), error.toString());
        assertEquals(before, t.snapshot(), "neither the callflows nor the job changed");
    }

    @Test
    void anUnknownActionFailsTheStep() {
        Map<String, Object> input = Samples.task("task-callflow-drop-from-group.json", jobId);
        item(input).put("action", "KEEP");
        var error = Samples.errorBody(assertThrows(StepFailed.class, () -> task.handleRequest(input, null)));
        assertEquals("VALIDATION_FAILED", error.path("code").asText());
        assertEquals(Map.of(), job().stepsJson());
    }
}
