package com.cloudphone.local.sfn;

import static com.cloudphone.local.sfn.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Map (ItemsPath, ItemSelector, the older Parameters and Iterator, errors) and Parallel. */
class MapParallelTest {
    private final Asl asl = new Asl();

    @Test
    void mapRunsTheProcessorOnEachItemInOrderWithItemSelector() {
        String machine = """
                {"StartAt":"Each","States":{
                  "Each":{"Type":"Map","InputPath":"$.job","ItemsPath":"$.numbers","MaxConcurrency":5,
                    "ItemSelector":{"number.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index","account.$":"$.account"},
                    "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Release","States":{
                      "Release":{"Type":"Task","Resource":"release","End":true}}},
                    "ResultSelector":{"released.$":"$"},
                    "ResultPath":"$.job.result","End":true}}}""";
        List<JsonNode> calls = new ArrayList<>();
        Execution run = asl.run(machine, Map.of("release", input -> {
            calls.add(input);
            return json("\"released " + input.path("number").asText() + "\"");
        }), "{\"job\":{\"account\":\"a1\",\"numbers\":[\"+1555\",\"+1666\"]}}");

        assertEquals(Execution.Status.SUCCEEDED, run.status());
        assertEquals(List.of(json("{\"number\":\"+1555\",\"index\":0,\"account\":\"a1\"}"),
                json("{\"number\":\"+1666\",\"index\":1,\"account\":\"a1\"}")), calls);
        assertEquals(json("{\"released\":[\"released +1555\",\"released +1666\"]}"), run.output().path("job").path("result"));
        assertEquals(List.of("Each", "Release", "Release"), run.statesEntered());
        assertEquals(List.of("0", "1"), run.events(Event.Type.MAP_ITERATION_SUCCEEDED).stream().map(Event::detail).toList());
    }

    @Test
    void withoutItemSelectorEachItemIsTheIterationInput() {
        String machine = Asl.single("""
                {"Type":"Map","Iterator":{"StartAt":"Double","States":{
                   "Double":{"Type":"Pass","Parameters":{"v.$":"$"},"End":true}}},"End":true}""");
        assertEquals(json("[{\"v\":1},{\"v\":{\"x\":2}}]"), asl.run(machine, "[1,{\"x\":2}]").output());
    }

    @Test
    void theOlderParametersFieldWorksAsItemSelector() {
        String machine = Asl.single("""
                {"Type":"Map","ItemsPath":"$.items","Parameters":{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value"},
                 "Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}""");
        assertEquals(json("[{\"i\":0,\"v\":\"a\"},{\"i\":1,\"v\":\"b\"}]"), asl.run(machine, "{\"items\":[\"a\",\"b\"]}").output());
    }

    @Test
    void anEmptyListGivesAnEmptyResult() {
        String machine = Asl.single("""
                {"Type":"Map","ItemsPath":"$.items","ResultPath":"$.out",
                 "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}""");
        assertEquals(json("{\"items\":[],\"out\":[]}"), asl.run(machine, "{\"items\":[]}").output());
    }

    @Test
    void itemsPathMustPointToAnArray() {
        String machine = Asl.single("""
                {"Type":"Map","ItemsPath":"$.items",
                 "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}""");
        assertEquals("States.Runtime", asl.run(machine, "{\"items\":{}}").error());
    }

    @Test
    void aFailedIterationFailsTheMapWhichCanRetryAndCatch() {
        String machine = """
                {"StartAt":"Each","States":{
                  "Each":{"Type":"Map","ItemsPath":"$.items",
                    "ItemProcessor":{"StartAt":"Work","States":{
                      "Work":{"Type":"Task","Resource":"work","End":true}}},
                    "Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":2,"MaxAttempts":1}],
                    "Catch":[{"ErrorEquals":["Busy"],"ResultPath":"$.error","Next":"Failed"}],
                    "End":true},
                  "Failed":{"Type":"Pass","End":true}}}""";
        List<String> calls = new ArrayList<>();
        Execution run = asl.run(machine, Map.of("work", input -> {
            calls.add(input.asText());
            if (input.asText().equals("b")) {
                throw new TaskFailure("Busy", "item b");
            }
            return input;
        }), "{\"items\":[\"a\",\"b\",\"c\"]}");

        assertEquals(Execution.Status.SUCCEEDED, run.status());
        assertEquals(List.of("a", "b", "a", "b"), calls);
        assertEquals(Duration.ofSeconds(2), Duration.between(Asl.START, asl.clock.instant()));
        assertEquals(json("{\"Error\":\"Busy\",\"Cause\":\"item b\"}"), run.output().path("error"));
        assertEquals(List.of("Each", "Failed"), run.statesExited().stream().filter(s -> !s.equals("Work")).toList());
        assertEquals(2, run.events(Event.Type.MAP_ITERATION_FAILED).size());
    }

    @Test
    void aFailStateInAnIterationFailsTheExecution() {
        String machine = Asl.single("""
                {"Type":"Map","ItemProcessor":{"StartAt":"C","States":{
                   "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericGreaterThan":1,"Next":"Bad"}],"Default":"Ok"},
                   "Bad":{"Type":"Fail","Error":"TooBig","Cause":"over one"},
                   "Ok":{"Type":"Succeed"}}},"End":true}""");
        Execution run = asl.run(machine, "[1,2]");
        assertEquals(Execution.Status.FAILED, run.status());
        assertEquals("TooBig", run.error());
        assertEquals("over one", run.cause());
    }

    @Test
    void mapItemIsOnlyInTheItemSelectorsContext() {
        String machine = Asl.single("""
                {"Type":"Map","ItemProcessor":{"StartAt":"P","States":{
                   "P":{"Type":"Pass","Parameters":{"v.$":"$$.Map.Item.Value"},"End":true}}},"End":true}""");
        assertEquals("States.Runtime", asl.run(machine, "[1]").error());
    }

    @Test
    void distributedMapIsRefused() {
        assertThrows(InvalidDefinition.class, () -> StateMachine.parse(Asl.single("""
                {"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
                 "StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"""), Map.of()));
        assertThrows(InvalidDefinition.class, () -> StateMachine.parse(Asl.single("""
                {"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject"},
                 "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"""), Map.of()));
    }

    @Test
    void parallelRunsEachBranchOnTheSameInputAndCollectsTheResults() {
        String machine = Asl.single("""
                {"Type":"Parallel","ResultPath":"$.results","Branches":[
                   {"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"a.$":"$.x"},"End":true}}},
                   {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"b","End":true}}}],"End":true}""");
        Execution run = asl.run(machine, Map.of("b", input -> json("\"b got " + input.path("x").asInt() + "\"")), "{\"x\":1}");
        assertEquals(json("{\"x\":1,\"results\":[{\"a\":1},\"b got 1\"]}"), run.output());
    }

    @Test
    void aFailedBranchFailsTheParallelWhichCanCatch() {
        String machine = """
                {"StartAt":"Both","States":{
                  "Both":{"Type":"Parallel","Branches":[
                     {"StartAt":"A","States":{"A":{"Type":"Fail","Error":"BranchBroke"}}}],
                   "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done"}],"End":true},
                  "Done":{"Type":"Pass","End":true}}}""";
        Execution run = asl.run(machine, "{}");
        assertEquals(Execution.Status.SUCCEEDED, run.status());
        assertEquals("BranchBroke", run.output().path("Error").asText());
    }
}
