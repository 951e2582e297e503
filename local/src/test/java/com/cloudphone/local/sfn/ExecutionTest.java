package com.cloudphone.local.sfn;

import static com.cloudphone.local.sfn.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Whole executions: history order, Succeed and Fail, and crashes followed by a re-run. */
class ExecutionTest {
    private final Asl asl = new Asl();

    /** A small ordered deletion: suspend, wait 28 days, release each number, purge. */
    private static final String DELETION = """
            {"Comment":"ordered user deletion","StartAt":"Suspend","States":{
              "Suspend":{"Type":"Task","Resource":"${SuspendArn}","ResultPath":null,"Next":"Grace"},
              "Grace":{"Type":"Wait","Seconds":2419200,"Next":"Release"},
              "Release":{"Type":"Map","ItemsPath":"$.numbers",
                "ItemSelector":{"userId.$":"$.userId","number.$":"$$.Map.Item.Value"},
                "ItemProcessor":{"StartAt":"ReleaseOne","States":{
                  "ReleaseOne":{"Type":"Task","Resource":"${ReleaseArn}","End":true}}},
                "ResultPath":"$.released","Next":"Purge"},
              "Purge":{"Type":"Task","Resource":"${PurgeArn}","ResultPath":"$.purged","Next":"Done"},
              "Done":{"Type":"Succeed"}}}""";

    /** A toy store the deletion tasks change, each task idempotent as a real handler must be. */
    private static final class Store {
        final Map<String, String> rows = new TreeMap<>(Map.of("user", "ACTIVE", "+1555", "ASSIGNED", "+1666", "ASSIGNED"));
        final List<String> calls = new ArrayList<>();

        Map<String, Task> tasks() {
            return Map.of(
                    "arn:local:function:suspend", input -> {
                        calls.add("suspend");
                        rows.computeIfPresent("user", (k, v) -> "SUSPENDED");
                        return json("{}");
                    },
                    "arn:local:function:release", input -> {
                        String number = input.path("number").asText();
                        calls.add("release " + number);
                        rows.computeIfPresent(number, (k, v) -> "AVAILABLE");
                        return json("\"" + number + "\"");
                    },
                    "arn:local:function:purge", input -> {
                        calls.add("purge");
                        rows.remove("user");
                        return json("true");
                    });
        }
    }

    private Interpreter deletion(Store store) {
        StateMachine machine = StateMachine.parse("user-deletion", DELETION, Map.of(
                "SuspendArn", "arn:local:function:suspend",
                "ReleaseArn", "arn:local:function:release",
                "PurgeArn", "arn:local:function:purge"));
        return new Interpreter(machine, store.tasks(), asl.clock, asl.clock);
    }

    private static final JsonNode INPUT = json("{\"userId\":\"u1\",\"numbers\":[\"+1555\",\"+1666\"]}");

    @Test
    void theHistoryListsWhatHappenedInOrder() {
        Store store = new Store();
        Execution run = deletion(store).run("delete-u1", INPUT);

        assertEquals(Execution.Status.SUCCEEDED, run.status());
        assertEquals(json("{\"userId\":\"u1\",\"numbers\":[\"+1555\",\"+1666\"],\"released\":[\"+1555\",\"+1666\"],\"purged\":true}"),
                run.output());
        assertEquals(List.of("Suspend", "Grace", "Release", "ReleaseOne", "ReleaseOne", "Purge", "Done"), run.statesEntered());
        assertEquals(List.of("Suspend", "Grace", "ReleaseOne", "ReleaseOne", "Release", "Purge", "Done"), run.statesExited());
        assertEquals(List.of("EXECUTION_STARTED", "STATE_ENTERED Suspend", "TASK_SCHEDULED Suspend", "TASK_SUCCEEDED Suspend",
                "STATE_EXITED Suspend", "STATE_ENTERED Grace", "WAIT_STARTED Grace", "STATE_EXITED Grace",
                "STATE_ENTERED Release", "MAP_ITERATION_STARTED Release", "STATE_ENTERED ReleaseOne",
                "TASK_SCHEDULED ReleaseOne", "TASK_SUCCEEDED ReleaseOne", "STATE_EXITED ReleaseOne",
                "MAP_ITERATION_SUCCEEDED Release", "MAP_ITERATION_STARTED Release", "STATE_ENTERED ReleaseOne",
                "TASK_SCHEDULED ReleaseOne", "TASK_SUCCEEDED ReleaseOne", "STATE_EXITED ReleaseOne",
                "MAP_ITERATION_SUCCEEDED Release", "STATE_EXITED Release", "STATE_ENTERED Purge", "TASK_SCHEDULED Purge",
                "TASK_SUCCEEDED Purge", "STATE_EXITED Purge", "STATE_ENTERED Done", "STATE_EXITED Done",
                "EXECUTION_SUCCEEDED"),
                run.history().stream().map(e -> e.type() + (e.state() == null ? "" : " " + e.state())).toList());
        assertEquals(Asl.START.plus(Duration.ofDays(28)), run.stopTime());
        assertEquals(Asl.START.plus(Duration.ofDays(28)), run.events(Event.Type.STATE_ENTERED).get(2).time());
        assertEquals("arn:aws:states:local:000000000000:execution:user-deletion:delete-u1", run.id());
        assertEquals(Map.of("+1555", "AVAILABLE", "+1666", "AVAILABLE"), store.rows);
    }

    @Test
    void aCrashAfterAStateStopsTheExecutionThere() {
        Store store = new Store();
        Execution run = deletion(store).run("delete-u1", INPUT, Listener.crashAfter("Suspend"));

        assertEquals(Execution.Status.ABORTED, run.status());
        assertEquals("Crash", run.error());
        assertEquals(List.of("suspend"), store.calls);
        assertEquals(Event.Type.EXECUTION_ABORTED, run.history().get(run.history().size() - 1).type());
        assertNull(run.output());
        assertEquals(Asl.START, asl.clock.instant(), "the crash came before the 28-day wait");
    }

    @Test
    void killedAfterAnyStateThenRunAgainTheDeletionConverges() {
        Store clean = new Store();
        deletion(clean).run("reference", INPUT);

        List<String> crashPoints = List.of("Suspend", "Grace", "ReleaseOne", "Release", "Purge", "Done");
        for (String state : crashPoints) {
            Store store = new Store();
            Execution crashed = deletion(store).run("first", INPUT, Listener.crashAfter(state));
            assertEquals(Execution.Status.ABORTED, crashed.status(), state);
            Execution again = deletion(store).run("second", INPUT);
            assertEquals(Execution.Status.SUCCEEDED, again.status(), state);
            assertEquals(clean.rows, store.rows, "after a crash after " + state);
        }
    }

    @Test
    void aCrashOnEnteringAStateMeansItNeverRan() {
        Store store = new Store();
        Execution run = deletion(store).run("delete-u1", INPUT, Listener.crashOnEntering("Purge"));
        assertEquals(Execution.Status.ABORTED, run.status());
        assertEquals(List.of("suspend", "release +1555", "release +1666"), store.calls);
    }

    @Test
    void aTaskCanCrashMidwayAndNoRetryOrCatchSeesIt() {
        String machine = """
                {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"t",
                  "Retry":[{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"C"}],"End":true},
                 "C":{"Type":"Succeed"}}}""";
        Execution run = asl.run(machine, Map.of("t", input -> {
            throw new Crash("power cut");
        }), "{}");
        assertEquals(Execution.Status.ABORTED, run.status());
        assertEquals("power cut", run.cause());
        assertTrue(run.events(Event.Type.RETRY_SCHEDULED).isEmpty());
    }

    @Test
    void aFailStateFailsTheExecutionWithItsErrorAndCause() {
        String machine = """
                {"StartAt":"Check","States":{
                  "Check":{"Type":"Pass","Next":"Stop"},
                  "Stop":{"Type":"Fail","Error":"UserNotFound","Cause":"no user u1"}}}""";
        Execution run = asl.run(machine, "{}");
        assertEquals(Execution.Status.FAILED, run.status());
        assertEquals("UserNotFound", run.error());
        assertEquals("no user u1", run.cause());
        assertNull(run.output());
        assertEquals(List.of(Event.Type.STATE_FAILED, Event.Type.EXECUTION_FAILED),
                run.history().subList(run.history().size() - 2, run.history().size()).stream().map(Event::type).toList());
    }

    @Test
    void errorPathAndCausePathTakeTheFailFromTheInput() {
        String machine = Asl.single("{\"Type\":\"Fail\",\"ErrorPath\":\"$.code\",\"CausePath\":\"States.Format('user {} gone', $.id)\"}");
        Execution run = asl.run(machine, "{\"code\":\"Gone\",\"id\":\"u1\"}");
        assertEquals("Gone", run.error());
        assertEquals("user u1 gone", run.cause());
    }

    @Test
    void succeedEndsTheExecutionWithItsFilteredInput() {
        String machine = """
                {"StartAt":"Ok","States":{"Ok":{"Type":"Succeed","InputPath":"$.a","OutputPath":"$.b"}}}""";
        assertEquals(json("1"), asl.run(machine, "{\"a\":{\"b\":1}}").output());
    }

    @Test
    void theListenerSeesEveryEventAsItHappens() {
        List<Event> seen = new ArrayList<>();
        Execution run = asl.interpreter(Asl.single("{\"Type\":\"Pass\",\"End\":true}"), Map.of())
                .run("e", json("{}"), seen::add);
        assertEquals(run.history(), seen);
    }
}
