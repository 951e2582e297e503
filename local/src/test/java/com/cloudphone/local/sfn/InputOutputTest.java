package com.cloudphone.local.sfn;

import static com.cloudphone.local.sfn.Asl.json;
import static com.cloudphone.local.sfn.Asl.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** InputPath, Parameters, ResultSelector, ResultPath, OutputPath, paths, the context object, intrinsics. */
class InputOutputTest {
    private final Asl asl = new Asl();

    @Test
    void aTaskProcessesItsDataInTheSpecifiedOrder() {
        List<JsonNode> seen = new ArrayList<>();
        Task task = input -> {
            seen.add(input);
            return json("{\"raw\":{\"kept\":\"k\",\"dropped\":1},\"status\":200}");
        };
        String machine = single("""
                {"Type":"Task","Resource":"arn:local:function:f",
                 "InputPath":"$.order",
                 "Parameters":{"id.$":"$.id","fixed":"yes","nested":{"first.$":"$.items[0]"}},
                 "ResultSelector":{"value.$":"$.raw.kept","code.$":"$.status"},
                 "ResultPath":"$.order.result",
                 "OutputPath":"$.order",
                 "End":true}""");
        Execution run = asl.run(machine, Map.of("arn:local:function:f", task),
                "{\"order\":{\"id\":\"o-1\",\"items\":[\"a\",\"b\"]},\"other\":true}");

        assertEquals(Execution.Status.SUCCEEDED, run.status());
        assertEquals(json("{\"id\":\"o-1\",\"fixed\":\"yes\",\"nested\":{\"first\":\"a\"}}"), seen.get(0));
        assertEquals(json("{\"id\":\"o-1\",\"items\":[\"a\",\"b\"],\"result\":{\"value\":\"k\",\"code\":200}}"),
                run.output());
    }

    @Test
    void resultPathDefaultsToReplacingTheInput() {
        Execution run = asl.run(single("{\"Type\":\"Pass\",\"Result\":{\"r\":1},\"End\":true}"), "{\"a\":1}");
        assertEquals(json("{\"r\":1}"), run.output());
    }

    @Test
    void resultPathNullKeepsTheInputAndDiscardsTheResult() {
        Execution run = asl.run(single("{\"Type\":\"Task\",\"Resource\":\"t\",\"ResultPath\":null,\"End\":true}"),
                Map.of("t", input -> json("{\"r\":1}")), "{\"a\":1}");
        assertEquals(json("{\"a\":1}"), run.output());
    }

    @Test
    void resultPathCreatesNestedObjectsAndKeepsSiblings() {
        Execution run = asl.run(single("{\"Type\":\"Pass\",\"Result\":\"v\",\"ResultPath\":\"$.x.y.z\",\"End\":true}"),
                "{\"a\":1,\"x\":{\"keep\":true}}");
        assertEquals(json("{\"a\":1,\"x\":{\"keep\":true,\"y\":{\"z\":\"v\"}}}"), run.output());
    }

    @Test
    void resultPathIntoSomethingThatIsNotAnObjectIsARuntimeError() {
        Execution run = asl.run(single("{\"Type\":\"Pass\",\"Result\":1,\"ResultPath\":\"$.a.b\",\"End\":true}"),
                "{\"a\":\"text\"}");
        assertEquals(Execution.Status.FAILED, run.status());
        assertEquals("States.Runtime", run.error());
    }

    @Test
    void nullInputPathAndOutputPathGiveAnEmptyObject() {
        List<JsonNode> seen = new ArrayList<>();
        Execution run = asl.run(single("{\"Type\":\"Task\",\"Resource\":\"t\",\"InputPath\":null,\"OutputPath\":null,\"End\":true}"),
                Map.of("t", input -> {
                    seen.add(input);
                    return json("[1]");
                }), "{\"a\":1}");
        assertEquals(json("{}"), seen.get(0));
        assertEquals(json("{}"), run.output());
    }

    @Test
    void passWithParametersPassesTheParametersOn() {
        Execution run = asl.run(single("{\"Type\":\"Pass\",\"Parameters\":{\"b.$\":\"$.a\"},\"ResultPath\":\"$.p\",\"End\":true}"),
                "{\"a\":7}");
        assertEquals(json("{\"a\":7,\"p\":{\"b\":7}}"), run.output());
    }

    @Test
    void pathsReadFieldsIndexesAndBracketNames() {
        String machine = single("""
                {"Type":"Pass","Parameters":{
                  "dot.$":"$.a.b","index.$":"$.list[1]","last.$":"$.list[-1]","bracket.$":"$['odd key']",
                  "quoted.$":"$[\\"a\\"]['b']","whole.$":"$.list","root.$":"$.n"},
                 "End":true}""");
        Execution run = asl.run(machine, "{\"a\":{\"b\":\"ab\"},\"list\":[10,20,30],\"odd key\":\"x\",\"n\":null}");
        assertEquals(json("{\"dot\":\"ab\",\"index\":20,\"last\":30,\"bracket\":\"x\",\"quoted\":\"ab\",\"whole\":[10,20,30],\"root\":null}"),
                run.output());
    }

    @Test
    void aMissingPathFailsTheExecutionWithStatesRuntimeWhichNoCatcherCatches() {
        String machine = """
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"t","Parameters":{"x.$":"$.missing"},
                       "Retry":[{"ErrorEquals":["States.ALL"]}],
                       "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
                  "Caught":{"Type":"Succeed"}}}""";
        int[] calls = {0};
        Execution run = asl.run(machine, Map.of("t", input -> {
            calls[0]++;
            return input;
        }), "{}");
        assertEquals(Execution.Status.FAILED, run.status());
        assertEquals("States.Runtime", run.error());
        assertTrue(run.cause().contains("$.missing"), run.cause());
        assertEquals(0, calls[0]);
        assertEquals(0, asl.clock.instant().compareTo(Asl.START), "no retry wait");
    }

    @Test
    void theContextObjectDescribesTheExecutionAndTheState() {
        asl.clock.advance(java.time.Duration.ofMillis(1500));
        String machine = single("""
                {"Type":"Pass","Parameters":{
                  "id.$":"$$.Execution.Id","name.$":"$$.Execution.Name","start.$":"$$.Execution.StartTime",
                  "input.$":"$$.Execution.Input","state.$":"$$.State.Name","entered.$":"$$.State.EnteredTime",
                  "machine.$":"$$.StateMachine.Name","retries.$":"$$.State.RetryCount"},
                 "End":true}""");
        JsonNode out = asl.run(machine, "{\"a\":1}").output();
        assertEquals("arn:aws:states:local:000000000000:execution:test:exec-1", out.path("id").asText());
        assertEquals("exec-1", out.path("name").asText());
        assertEquals("2026-01-01T00:00:01.500Z", out.path("start").asText());
        assertEquals(json("{\"a\":1}"), out.path("input"));
        assertEquals("S", out.path("state").asText());
        assertEquals("2026-01-01T00:00:01.500Z", out.path("entered").asText());
        assertEquals("test", out.path("machine").asText());
        assertEquals(0, out.path("retries").asInt());
    }

    @Test
    void intrinsicFunctionsBuildValues() {
        String machine = single("""
                {"Type":"Pass","Parameters":{
                  "greeting.$":"States.Format('Hello, {}! You have {} items, \\\\{literal\\\\} it\\\\'s fine', $.name, $.count)",
                  "parsed.$":"States.StringToJson($.text)",
                  "text.$":"States.JsonToString($.obj)",
                  "array.$":"States.Array($.name, 2, true, null, States.ArrayLength($.list))",
                  "length.$":"States.ArrayLength($.list)",
                  "contains.$":"States.ArrayContains($.list, 'b')",
                  "item.$":"States.ArrayGetItem($.list, 1)",
                  "range.$":"States.ArrayRange(1, 9, 4)",
                  "chunks.$":"States.ArrayPartition($.list, 2)",
                  "unique.$":"States.ArrayUnique(States.Array(1, 1, 2))",
                  "sum.$":"States.MathAdd($.count, -1)",
                  "split.$":"States.StringSplit('a,b;c', ',;')",
                  "b64.$":"States.Base64Encode('hi')",
                  "unb64.$":"States.Base64Decode('aGk=')",
                  "hash.$":"States.Hash('abc', 'SHA-256')",
                  "merged.$":"States.JsonMerge($.obj, States.StringToJson('{\\"y\\":2}'), false)"},
                 "End":true}""");
        JsonNode out = asl.run(machine,
                "{\"name\":\"Ann\",\"count\":3,\"text\":\"{\\\"k\\\":[1]}\",\"obj\":{\"x\":1},\"list\":[\"a\",\"b\",\"c\"]}").output();
        assertEquals("Hello, Ann! You have 3 items, {literal} it's fine", out.path("greeting").asText());
        assertEquals(json("{\"k\":[1]}"), out.path("parsed"));
        assertEquals("{\"x\":1}", out.path("text").asText());
        assertEquals(json("[\"Ann\",2,true,null,3]"), out.path("array"));
        assertEquals(3, out.path("length").asInt());
        assertTrue(out.path("contains").asBoolean());
        assertEquals("b", out.path("item").asText());
        assertEquals(json("[1,5,9]"), out.path("range"));
        assertEquals(json("[[\"a\",\"b\"],[\"c\"]]"), out.path("chunks"));
        assertEquals(json("[1,2]"), out.path("unique"));
        assertEquals(2, out.path("sum").asInt());
        assertEquals(json("[\"a\",\"b\",\"c\"]"), out.path("split"));
        assertEquals("aGk=", out.path("b64").asText());
        assertEquals("hi", out.path("unb64").asText());
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", out.path("hash").asText());
        assertEquals(json("{\"x\":1,\"y\":2}"), out.path("merged"));
    }

    @Test
    void aFailingIntrinsicIsStatesIntrinsicFailureAndCanBeCaught() {
        String machine = """
                {"StartAt":"T","States":{
                  "T":{"Type":"Task","Resource":"t","Parameters":{"x.$":"States.StringToJson($.text)"},
                       "Catch":[{"ErrorEquals":["States.IntrinsicFailure"],"ResultPath":"$.error","Next":"Caught"}],"End":true},
                  "Caught":{"Type":"Pass","End":true}}}""";
        Execution run = asl.run(machine, Map.of("t", input -> input), "{\"text\":\"not json\"}");
        assertEquals(Execution.Status.SUCCEEDED, run.status());
        assertEquals("States.IntrinsicFailure", run.output().path("error").path("Error").asText());
    }

    @Test
    void anUnknownIntrinsicIsRefusedWhenTheDefinitionIsParsed() {
        InvalidDefinition e = assertThrows(InvalidDefinition.class, () -> StateMachine.parse(
                single("{\"Type\":\"Pass\",\"Parameters\":{\"x.$\":\"States.Nope($.a)\"},\"End\":true}"), Map.of()));
        assertTrue(e.getMessage().contains("States.Nope"), e.getMessage());
    }

    @Test
    void theTaskGetsACopySoItCannotChangeTheStateInput() {
        String machine = single("{\"Type\":\"Task\",\"Resource\":\"t\",\"ResultPath\":\"$.r\",\"End\":true}");
        Execution run = asl.run(machine, Map.of("t", input -> {
            ((com.fasterxml.jackson.databind.node.ObjectNode) input).put("a", "changed");
            return json("1");
        }), "{\"a\":\"original\"}");
        assertEquals(json("{\"a\":\"original\",\"r\":1}"), run.output());
    }
}
