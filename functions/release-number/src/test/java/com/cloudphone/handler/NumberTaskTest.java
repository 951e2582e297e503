package com.cloudphone.handler;

import static com.cloudphone.testing.TestBackend.SAMPLE_ACCOUNT;
import static com.cloudphone.testing.TestBackend.SAMPLE_ADMIN;
import static com.cloudphone.testing.TestBackend.SAMPLE_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.model.Contact;
import com.cloudphone.model.Job;
import com.cloudphone.model.JobStatus;
import com.cloudphone.model.NumberState;
import com.cloudphone.model.OffboardingPlan.NumberAction;
import com.cloudphone.model.OffboardingPlan.NumberActionKind;
import com.cloudphone.model.OffboardingPlan;
import com.cloudphone.model.PhoneNumber;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import com.cloudphone.workflow.StepFailed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NumberTaskTest {
    private final TestBackend t = new TestBackend();
    private final Samples samples = new Samples(t);
    private NumberTask task;
    private String jobId;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        samples.assigned(Samples.REASSIGNED, SAMPLE_USER);
        samples.contact(Samples.REASSIGNED, "Pat Morgan", "+14155550199");
        samples.assigned(Samples.RELEASED, SAMPLE_USER);
        samples.contact(Samples.RELEASED, "Lee Chan", "+14155550198");
        samples.assigned(Samples.RECYCLED, SAMPLE_USER);
        samples.number(Samples.MAIN_NUMBER);
        jobId = samples.startOffboarding(new OffboardingPlan(false, List.of(), List.of(
                new NumberAction(Samples.REASSIGNED, NumberActionKind.REASSIGN, SAMPLE_ADMIN, null),
                new NumberAction(Samples.RELEASED, NumberActionKind.RELEASE, null, Samples.MAIN_NUMBER),
                new NumberAction(Samples.RECYCLED, NumberActionKind.RECYCLE, null, null))));
        task = new NumberTask(t.backend);
    }

    private PhoneNumber number(String e164) {
        return t.backend.numbers.get(SAMPLE_ACCOUNT, e164).orElseThrow();
    }

    private List<String> contactNames(String e164) {
        return t.backend.numbers.contacts(SAMPLE_ACCOUNT, e164).stream().map(Contact::name).toList();
    }

    private Job job() {
        return t.backend.jobs.get(SAMPLE_ACCOUNT, jobId).orElseThrow();
    }

    /** Runs the sample twice; both answers must be the same and the second must change nothing. */
    private Map<String, Object> twice(String sample) {
        Map<String, Object> first = task.handleRequest(Samples.task(sample, jobId), null);
        var afterFirst = t.backend.numbers.list(SAMPLE_ACCOUNT);
        int events = t.bus.published().size();
        Map<String, Object> second = task.handleRequest(Samples.task(sample, jobId), null);
        assertEquals(first, second);
        assertEquals(afterFirst, t.backend.numbers.list(SAMPLE_ACCOUNT));
        assertEquals(events, t.bus.published().size());
        return second;
    }

    @Test
    void reassignGivesTheNumberAndItsContactsToTheHeirAndRecordsTheStep() {
        Map<String, Object> result = task.handleRequest(Samples.task("task-number-reassign.json", jobId), null);
        assertEquals(Map.of("number", Samples.REASSIGNED, "action", "REASSIGN", "state", "ASSIGNED",
                "assigneeUserId", SAMPLE_ADMIN), result);
        assertEquals(SAMPLE_ADMIN, number(Samples.REASSIGNED).assigneeUserId());
        assertEquals(List.of("Pat Morgan"), t.backend.numberService.contactsOf(Samples.ADMIN, SAMPLE_ADMIN).stream()
                .map(Contact::name).toList());
        Job job = job();
        assertEquals(JobStatus.RUNNING, job.status());
        assertEquals("NUMBERS", job.currentStep());
        assertTrue(job.stepsJson().get("number:" + Samples.REASSIGNED).contains(SAMPLE_ADMIN), job.stepsJson().toString());
    }

    @Test
    void reassignTwiceEndsTheSame() {
        assertEquals(SAMPLE_ADMIN, twice("task-number-reassign.json").get("assigneeUserId"));
    }

    @Test
    void releaseTakesTheNumberOutOfServiceAndMovesItsContacts() {
        Map<String, Object> result = twice("task-number-release.json");
        assertEquals(Map.of("number", Samples.RELEASED, "action", "RELEASE", "state", "RELEASED"), result);
        assertEquals(NumberState.RELEASED, number(Samples.RELEASED).state());
        assertEquals(List.of(), contactNames(Samples.RELEASED));
        assertEquals(List.of("Lee Chan"), contactNames(Samples.MAIN_NUMBER));
        assertTrue(job().stepsJson().containsKey("number:" + Samples.RELEASED));
    }

    @Test
    void recycleMakesTheNumberAvailableAgain() {
        Map<String, Object> result = twice("task-number-recycle.json");
        assertEquals(Map.of("number", Samples.RECYCLED, "action", "RECYCLE", "state", "AVAILABLE"), result);
        assertEquals(NumberState.AVAILABLE, number(Samples.RECYCLED).state());
        assertEquals(List.of(Samples.REASSIGNED, Samples.RELEASED), t.backend.numberService
                .assignedTo(SAMPLE_ACCOUNT, SAMPLE_USER).stream().map(PhoneNumber::number).sorted().toList());
    }

    @Test
    void anHeirReleasedSinceThePlanFailsTheStepAndNothingMoves() {
        t.backend.numberService.release(Samples.ADMIN, Samples.MAIN_NUMBER, Samples.RECYCLED);
        var before = t.snapshot();
        StepFailed failed = assertThrows(StepFailed.class,
                () -> task.handleRequest(Samples.task("task-number-release.json", jobId), null));
        var error = Samples.errorBody(failed);
        assertEquals("VALIDATION_FAILED", error.path("code").asText());
        assertEquals(List.of("contactsHeir"), error.path("details").findValuesAsText("field"));
        assertEquals(before, t.snapshot());
        assertEquals(NumberState.ASSIGNED, number(Samples.RELEASED).state());
        assertEquals(List.of("Lee Chan"), contactNames(Samples.RELEASED));
    }

    @Test
    void aNumberTheAccountDoesNotHaveFailsTheStep() {
        Map<String, Object> input = Samples.task("task-number-recycle.json", jobId);
        @SuppressWarnings("unchecked")
        Map<String, Object> item = (Map<String, Object>) input.get("item");
        item.put("number", "+14155550111");
        var error = Samples.errorBody(assertThrows(StepFailed.class, () -> task.handleRequest(input, null)));
        assertEquals("NOT_FOUND", error.path("code").asText());
        assertEquals(Map.of(), job().stepsJson());
    }
}
