package com.cloudphone.local.sfn;

import static com.cloudphone.local.sfn.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Retry (intervals, backoff, caps, per-retrier counts) and Catch (routing, ResultPath, error output). */
class RetryCatchTest {
    private final Asl asl = new Asl();

    /** A task that fails with the given error names in turn, then answers {"ok":true}. */
    private static Task failing(String... errors) {
        Deque<String> left = new ArrayDeque<>(List.of(errors));
        return input -> {
            if (!left.isEmpty()) {
                throw new TaskFailure(left.poll(), "boom");
            }
            return json("{\"ok\":true}");
        };
    }

    private static String task(String retry, String katch) {
        return """
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"t","Retry":%s,"Catch":%s,"End":true},
                  "Recover":{"Type":"Pass","End":true}}}""".formatted(retry, katch);
    }

    private Duration elapsed() {
        return Duration.between(Asl.START, asl.clock.instant());
    }

    @Test
    void retriesWithDefaultsWaitOneTwoFourSecondsThenGiveUp() {
        Execution run = asl.run(task("[{\"ErrorEquals\":[\"Flaky\"]}]", "[]"),
                Map.of("t", failing("Flaky", "Flaky", "Flaky", "Flaky")), "{}");
        assertEquals(Execution.Status.FAILED, run.status());
        assertEquals("Flaky", run.error());
        assertEquals("boom", run.cause());
        assertEquals(Duration.ofSeconds(1 + 2 + 4), elapsed());
        assertEquals(List.of("PT1S", "PT2S", "PT4S"),
                run.events(Event.Type.RETRY_SCHEDULED).stream().map(Event::detail).toList());
        assertEquals(4, run.events(Event.Type.TASK_FAILED).size());
    }

    @Test
    void aRetryThatWorksContinuesWithTheResult() {
        Execution run = asl.run(task("[{\"ErrorEquals\":[\"Flaky\"],\"IntervalSeconds\":3,\"BackoffRate\":1.5}]", "[]"),
                Map.of("t", failing("Flaky", "Flaky")), "{}");
        assertEquals(Execution.Status.SUCCEEDED, run.status());
        assertEquals(json("{\"ok\":true}"), run.output());
        assertEquals(Duration.ofMillis(3000 + 4500), elapsed());
    }

    @Test
    void maxDelaySecondsCapsTheBackoff() {
        Execution run = asl.run(task("[{\"ErrorEquals\":[\"Flaky\"],\"IntervalSeconds\":2,\"MaxAttempts\":5,\"BackoffRate\":3,\"MaxDelaySeconds\":10}]", "[]"),
                Map.of("t", failing("Flaky", "Flaky", "Flaky", "Flaky", "Flaky")), "{}");
        assertEquals(Execution.Status.SUCCEEDED, run.status());
        assertEquals(Duration.ofSeconds(2 + 6 + 10 + 10 + 10), elapsed());
    }

    @Test
    void fullJitterWaitsAtMostTheComputedInterval() {
        String machine = task("[{\"ErrorEquals\":[\"Flaky\"],\"IntervalSeconds\":10,\"JitterStrategy\":\"FULL\"}]", "[]");
        Execution run = asl.interpreter(machine, Map.of("t", failing("Flaky", "Flaky")))
                .withRandom(new Random(42)).run("e", json("{}"));
        assertEquals(Execution.Status.SUCCEEDED, run.status());
        List<Duration> delays = run.events(Event.Type.RETRY_SCHEDULED).stream().map(e -> Duration.parse(e.detail())).toList();
        assertTrue(delays.get(0).compareTo(Duration.ofSeconds(10)) <= 0, delays.toString());
        assertTrue(delays.get(1).compareTo(Duration.ofSeconds(20)) <= 0, delays.toString());
        assertEquals(delays.get(0).plus(delays.get(1)), elapsed());
    }

    @Test
    void maxAttemptsZeroNeverRetries() {
        Execution run = asl.run(task("[{\"ErrorEquals\":[\"Fatal\"],\"MaxAttempts\":0},{\"ErrorEquals\":[\"States.ALL\"]}]", "[]"),
                Map.of("t", failing("Fatal")), "{}");
        assertEquals("Fatal", run.error());
        assertEquals(Duration.ZERO, elapsed());
    }

    @Test
    void eachRetrierCountsItsOwnAttemptsAndAnExhaustedOneGoesToCatch() {
        // The example of the Step Functions guide: ErrorA, ErrorB, ErrorC, ErrorB -> waits 1, 2, 5, then caught.
        String machine = task("""
                [{"ErrorEquals":["ErrorA","ErrorB"],"IntervalSeconds":1,"BackoffRate":2.0,"MaxAttempts":2},
                 {"ErrorEquals":["ErrorC"],"IntervalSeconds":5}]""",
                "[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"Recover\"}]");
        Execution run = asl.run(machine, Map.of("t", failing("ErrorA", "ErrorB", "ErrorC", "ErrorB")), "{}");
        assertEquals(Execution.Status.SUCCEEDED, run.status());
        assertEquals(Duration.ofSeconds(1 + 2 + 5), elapsed());
        assertEquals(List.of("T", "Recover"), run.statesEntered());
        assertEquals(json("{\"Error\":\"ErrorB\",\"Cause\":\"boom\"}"), run.output());
    }

    @Test
    void statesTaskFailedAndStatesAllMatchAnyTaskError() {
        Execution run = asl.run(task("[{\"ErrorEquals\":[\"States.TaskFailed\"],\"IntervalSeconds\":1,\"MaxAttempts\":1}]",
                "[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"Recover\"}]"), Map.of("t", failing("Custom", "Other")), "{}");
        assertEquals(List.of("T", "Recover"), run.statesEntered());
        assertEquals("Other", run.output().path("Error").asText());
        assertEquals(Duration.ofSeconds(1), elapsed());
    }

    @Test
    void anExceptionFromATaskIsNamedAfterItsClassAsTheJavaLambdaRuntimeDoes() {
        String machine = task("[]", "[{\"ErrorEquals\":[\"java.lang.IllegalStateException\"],\"ResultPath\":\"$.error\",\"Next\":\"Recover\"}]");
        Execution run = asl.run(machine, Map.of("t", input -> {
            throw new IllegalStateException("no such user");
        }), "{\"userId\":\"u1\"}");
        assertEquals(Execution.Status.SUCCEEDED, run.status());
        JsonNode error = run.output().path("error");
        assertEquals("u1", run.output().path("userId").asText());
        assertEquals("java.lang.IllegalStateException", error.path("Error").asText());
        JsonNode cause = json(error.path("Cause").asText());
        assertEquals("no such user", cause.path("errorMessage").asText());
        assertEquals("java.lang.IllegalStateException", cause.path("errorType").asText());
    }

    @Test
    void theFirstMatchingCatcherRoutesAndItsResultPathPlacesTheErrorInTheRawInput() {
        String machine = """
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"t","InputPath":"$.part","ResultPath":"$.ignored",
                       "Catch":[{"ErrorEquals":["Other"],"Next":"Wrong"},
                                {"ErrorEquals":["Gone","Lost"],"ResultPath":"$.failure.info","Next":"Recover"},
                                {"ErrorEquals":["States.ALL"],"Next":"Wrong"}],"End":true},
                  "Recover":{"Type":"Pass","End":true},
                  "Wrong":{"Type":"Fail","Error":"Wrong"}}}""";
        Execution run = asl.run(machine, Map.of("t", failing("Lost")), "{\"part\":{\"a\":1},\"b\":2}");
        assertEquals(Execution.Status.SUCCEEDED, run.status());
        assertEquals(json("{\"part\":{\"a\":1},\"b\":2,\"failure\":{\"info\":{\"Error\":\"Lost\",\"Cause\":\"boom\"}}}"), run.output());
        Event caught = run.events(Event.Type.ERROR_CAUGHT).get(0);
        assertEquals("Recover", caught.detail());
        assertEquals(List.of("T", "Recover"), run.statesExited());
    }

    @Test
    void aCatcherWithNullResultPathPassesTheInputOn() {
        String machine = task("[]", "[{\"ErrorEquals\":[\"States.ALL\"],\"ResultPath\":null,\"Next\":\"Recover\"}]");
        Execution run = asl.run(machine, Map.of("t", failing("X")), "{\"a\":1}");
        assertEquals(json("{\"a\":1}"), run.output());
    }

    @Test
    void retryCountIsInTheContextObject() {
        String machine = """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"t","Parameters":{"attempt.$":"$$.State.RetryCount"},
                  "Retry":[{"ErrorEquals":["Flaky"]}],"End":true}}}""";
        List<Integer> attempts = new java.util.ArrayList<>();
        Task task = failing("Flaky", "Flaky");
        Execution run = asl.run(machine, Map.of("t", input -> {
            attempts.add(input.path("attempt").asInt());
            return task.invoke(input);
        }), "{}");
        assertEquals(Execution.Status.SUCCEEDED, run.status());
        assertEquals(List.of(0, 1, 2), attempts);
    }

    @Test
    void anUncaughtErrorRecordsTheFailureInTheHistory() {
        Execution run = asl.run(task("[]", "[{\"ErrorEquals\":[\"Other\"],\"Next\":\"Recover\"}]"), Map.of("t", failing("X")), "{}");
        assertEquals(List.of(Event.Type.EXECUTION_STARTED, Event.Type.STATE_ENTERED, Event.Type.TASK_SCHEDULED,
                        Event.Type.TASK_FAILED, Event.Type.STATE_FAILED, Event.Type.EXECUTION_FAILED),
                run.history().stream().map(Event::type).toList());
    }

    @Test
    void statesAllMustStandAloneAndLast() {
        assertThrows(InvalidDefinition.class, () -> StateMachine.parse(
                task("[{\"ErrorEquals\":[\"States.ALL\"]},{\"ErrorEquals\":[\"X\"]}]", "[]"), Map.of()));
        assertThrows(InvalidDefinition.class, () -> StateMachine.parse(
                task("[]", "[{\"ErrorEquals\":[\"States.ALL\",\"X\"],\"Next\":\"Recover\"}]"), Map.of()));
    }
}
