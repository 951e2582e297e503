package com.cloudphone.local.sfn;

import static com.cloudphone.local.sfn.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing: substitutions, what is refused, resources, files, the lambda:invoke integration. */
class DefinitionTest {
    private final Asl asl = new Asl();

    @Test
    void substitutionsReplacePlaceholdersBeforeParsing() {
        StateMachine machine = StateMachine.parse(Asl.single("{\"Type\":\"Task\",\"Resource\":\"${PurgeFunctionArn}\",\"End\":true}"),
                Map.of("PurgeFunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:purge"));
        assertEquals(Set.of("arn:aws:lambda:us-east-1:123456789012:function:purge"), machine.resources());
    }

    @Test
    void aPlaceholderWithoutSubstitutionIsRefused() {
        InvalidDefinition e = assertThrows(InvalidDefinition.class, () -> StateMachine.parse(
                Asl.single("{\"Type\":\"Task\",\"Resource\":\"${Missing}\",\"End\":true}"), Map.of()));
        assertTrue(e.getMessage().contains("${Missing}"), e.getMessage());
    }

    @Test
    void everyTaskResourceMustBeRegistered() {
        StateMachine machine = StateMachine.parse(Asl.single("""
                {"Type":"Map","ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"inner","End":true}}},"End":true}"""),
                Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Interpreter(machine, Map.of(), asl.clock, asl.clock));
        assertTrue(e.getMessage().contains("inner"), e.getMessage());
    }

    @Test
    void brokenDefinitionsAreRefused() {
        String[] broken = {
                "not json",
                "{\"States\":{\"S\":{\"Type\":\"Succeed\"}}}",
                "{\"StartAt\":\"Nowhere\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}",
                Asl.single("{\"Type\":\"Pass\"}"),
                Asl.single("{\"Type\":\"Pass\",\"Next\":\"S\",\"End\":true}"),
                Asl.single("{\"Type\":\"Pass\",\"Next\":\"Missing\"}"),
                Asl.single("{\"Type\":\"Pass\",\"Resouce\":\"typo\",\"End\":true}"),
                Asl.single("{\"Type\":\"Teleport\",\"End\":true}"),
                Asl.single("{\"Type\":\"Pass\",\"InputPath\":\"a.b\",\"End\":true}"),
                Asl.single("{\"Type\":\"Pass\",\"InputPath\":\"$.a[*]\",\"End\":true}"),
                Asl.single("{\"Type\":\"Pass\",\"ResultPath\":\"$$.State\",\"End\":true}"),
                Asl.single("{\"Type\":\"Pass\",\"Parameters\":{\"a.$\":\"plain\"},\"End\":true}"),
                Asl.single("{\"Type\":\"Wait\",\"Seconds\":1,\"Timestamp\":\"2026-01-01T00:00:00Z\",\"End\":true}"),
                Asl.single("{\"Type\":\"Wait\",\"Timestamp\":\"2026-01-01 00:00:00\",\"End\":true}"),
                Asl.single("{\"Type\":\"Task\",\"Resource\":\"t\",\"Retry\":[{\"ErrorEquals\":[\"X\"],\"BackoffRate\":0.5}],\"End\":true}"),
                "{\"QueryLanguage\":\"JSONata\",\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Succeed\"}}}",
        };
        for (String definition : broken) {
            assertThrows(InvalidDefinition.class, () -> StateMachine.parse(definition, Map.of()), definition);
        }
    }

    @Test
    void aFileIsLoadedAndNamedAfterItself(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("user-deletion.asl.json");
        Files.writeString(file, Asl.single("{\"Type\":\"Task\",\"Resource\":\"${Fn}\",\"End\":true}"));
        StateMachine machine = StateMachine.load(file, Map.of("Fn", "arn:local:function:f"));
        assertEquals("user-deletion", machine.name());
        Execution run = new Interpreter(machine, Map.of("arn:local:function:f", input -> json("42")), asl.clock, asl.clock)
                .run(json("{}"));
        assertEquals(json("42"), run.output());
    }

    @Test
    void theLambdaInvokeIntegrationCallsTheFunctionByNameAndWrapsItsAnswer() {
        String machine = Asl.single("""
                {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Parameters":{"FunctionName":"arn:local:function:f","Payload":{"id.$":"$.id"}},
                 "ResultSelector":{"answer.$":"$.Payload","code.$":"$.StatusCode"},"End":true}""");
        Execution run = asl.run(machine, Map.of("arn:local:function:f", input -> json("{\"got\":\"" + input.path("id").asText() + "\"}")),
                "{\"id\":\"u1\"}");
        assertEquals(json("{\"answer\":{\"got\":\"u1\"},\"code\":200}"), run.output());
        assertEquals("arn:local:function:f", run.events(Event.Type.TASK_SCHEDULED).get(0).detail());
    }

    @Test
    void lambdaInvokeOfAnUnknownFunctionFailsLikeLambdaDoes() {
        String machine = Asl.single("""
                {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Parameters":{"FunctionName":"nope","Payload":{}},"End":true}""");
        assertEquals("Lambda.ResourceNotFoundException", asl.run(machine, "{}").error());
    }
}
