package com.cloudphone.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Choice rules: each operator, the combinators, Default, and the errors. */
class ChoiceTest {
    private final Asl asl = new Asl();

    /** Goes to Yes when {@code rule} matches the input, to No otherwise. */
    private String decide(String rule, String input) {
        String machine = """
                {"StartAt":"C","States":{
                  "C":{"Type":"Choice","Choices":[%s],"Default":"No"},
                  "Yes":{"Type":"Pass","Result":"yes","End":true},
                  "No":{"Type":"Pass","Result":"no","End":true}}}""".formatted(
                ((ObjectNode) Asl.json(rule)).put("Next", "Yes"));
        Execution run = asl.run(machine, input);
        assertEquals(Execution.Status.SUCCEEDED, run.status(), () -> run.error() + " " + run.cause());
        return run.output().asText();
    }

    private String compare(String operator, String value, String input) {
        return decide("{\"Variable\":\"$.v\",\"" + operator + "\":" + value + "}", input);
    }

    @ParameterizedTest(name = "{0} {1} against {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "StringEquals|'\"a\"'|'{\"v\":\"a\"}'|yes",
            "StringEquals|'\"a\"'|'{\"v\":\"b\"}'|no",
            "StringEquals|'\"1\"'|'{\"v\":1}'|no",
            "StringLessThan|'\"b\"'|'{\"v\":\"a\"}'|yes",
            "StringGreaterThanEquals|'\"b\"'|'{\"v\":\"b\"}'|yes",
            "StringMatches|'\"log-*.txt\"'|'{\"v\":\"log-2026.txt\"}'|yes",
            "StringMatches|'\"log-\\\\*\"'|'{\"v\":\"log-x\"}'|no",
            "StringMatches|'\"log-\\\\*\"'|'{\"v\":\"log-*\"}'|yes",
            "NumericEquals|1|'{\"v\":1.0}'|yes",
            "NumericEquals|1|'{\"v\":\"1\"}'|no",
            "NumericGreaterThan|1|'{\"v\":2}'|yes",
            "NumericGreaterThan|2|'{\"v\":2}'|no",
            "NumericGreaterThanEquals|2|'{\"v\":2}'|yes",
            "NumericLessThan|2|'{\"v\":1.5}'|yes",
            "NumericLessThan|2|'{\"v\":2}'|no",
            "NumericLessThanEquals|2|'{\"v\":2}'|yes",
            "BooleanEquals|true|'{\"v\":true}'|yes",
            "BooleanEquals|true|'{\"v\":\"true\"}'|no",
            "TimestampEquals|'\"2026-01-01T00:00:00Z\"'|'{\"v\":\"2026-01-01T01:00:00+01:00\"}'|yes",
            "TimestampLessThan|'\"2026-01-01T00:00:00Z\"'|'{\"v\":\"2025-12-31T23:59:59Z\"}'|yes",
            "TimestampLessThanEquals|'\"2026-01-01T00:00:00Z\"'|'{\"v\":\"2026-01-01T00:00:00.000Z\"}'|yes",
            "TimestampGreaterThan|'\"2026-01-01T00:00:00Z\"'|'{\"v\":\"2026-01-01T00:00:01Z\"}'|yes",
            "TimestampGreaterThanEquals|'\"2026-01-01T00:00:00Z\"'|'{\"v\":\"2025-01-01T00:00:00Z\"}'|no",
            "TimestampGreaterThan|'\"2026-01-01T00:00:00Z\"'|'{\"v\":\"not a time\"}'|no",
            "IsNull|true|'{\"v\":null}'|yes",
            "IsNull|true|'{\"v\":0}'|no",
            "IsPresent|true|'{\"v\":null}'|yes",
            "IsPresent|true|'{}'|no",
            "IsPresent|false|'{}'|yes",
            "IsString|true|'{\"v\":\"s\"}'|yes",
            "IsString|true|'{\"v\":1}'|no",
            "IsNumeric|true|'{\"v\":1}'|yes",
            "IsBoolean|false|'{\"v\":1}'|yes",
            "IsTimestamp|true|'{\"v\":\"2026-01-01T00:00:00Z\"}'|yes",
            "IsTimestamp|true|'{\"v\":\"2026-01-01 00:00:00Z\"}'|no",
    })
    void operators(String operator, String value, String input, String expected) {
        assertEquals(expected, compare(operator, value, input));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "StringEqualsPath|'{\"v\":\"a\",\"w\":\"a\"}'|yes",
            "StringEqualsPath|'{\"v\":\"a\",\"w\":\"b\"}'|no",
            "NumericLessThanPath|'{\"v\":1,\"w\":2}'|yes",
            "BooleanEqualsPath|'{\"v\":false,\"w\":false}'|yes",
            "TimestampGreaterThanPath|'{\"v\":\"2026-01-02T00:00:00Z\",\"w\":\"2026-01-01T00:00:00Z\"}'|yes",
    })
    void pathOperatorsCompareTwoPartsOfTheInput(String operator, String input, String expected) {
        assertEquals(expected, compare(operator, "\"$.w\"", input));
    }

    @Test
    void theVariableCanReadTheContextObject() {
        assertEquals("yes", decide("{\"Variable\":\"$$.State.Name\",\"StringEquals\":\"C\"}", "{}"));
    }

    @Test
    void andOrAndNotCombineRules() {
        String inTwenties = "{\"And\":[{\"Variable\":\"$.v\",\"NumericGreaterThanEquals\":20},"
                + "{\"Variable\":\"$.v\",\"NumericLessThan\":30}]}";
        assertEquals("yes", decide(inTwenties, "{\"v\":22}"));
        assertEquals("no", decide(inTwenties, "{\"v\":30}"));
        String either = "{\"Or\":[{\"Variable\":\"$.v\",\"StringEquals\":\"a\"},{\"Variable\":\"$.v\",\"StringEquals\":\"b\"}]}";
        assertEquals("yes", decide(either, "{\"v\":\"b\"}"));
        assertEquals("no", decide(either, "{\"v\":\"c\"}"));
        String notPrivate = "{\"Not\":{\"Variable\":\"$.type\",\"StringEquals\":\"Private\"}}";
        assertEquals("yes", decide(notPrivate, "{\"type\":\"Public\"}"));
        assertEquals("no", decide(notPrivate, "{\"type\":\"Private\"}"));
    }

    @Test
    void theFirstMatchingRuleWins() {
        String machine = """
                {"StartAt":"C","States":{
                  "C":{"Type":"Choice","Choices":[
                     {"Variable":"$.v","NumericGreaterThan":10,"Next":"Big"},
                     {"Variable":"$.v","NumericGreaterThan":1,"Next":"Small"}]},
                  "Big":{"Type":"Pass","Result":"big","End":true},
                  "Small":{"Type":"Pass","Result":"small","End":true}}}""";
        assertEquals("big", asl.run(machine, "{\"v\":11}").output().asText());
        assertEquals("small", asl.run(machine, "{\"v\":5}").output().asText());
    }

    @Test
    void noMatchAndNoDefaultFailsWithNoChoiceMatched() {
        String machine = """
                {"StartAt":"C","States":{
                  "C":{"Type":"Choice","Choices":[{"Variable":"$.v","NumericEquals":1,"Next":"End"}]},
                  "End":{"Type":"Succeed"}}}""";
        Execution run = asl.run(machine, "{\"v\":2}");
        assertEquals(Execution.Status.FAILED, run.status());
        assertEquals("States.NoChoiceMatched", run.error());
    }

    @Test
    void aVariableThatIsNotThereIsARuntimeError() {
        String machine = """
                {"StartAt":"C","States":{
                  "C":{"Type":"Choice","Choices":[{"Variable":"$.type","StringEquals":"x","Next":"End"}],"Default":"End"},
                  "End":{"Type":"Succeed"}}}""";
        Execution run = asl.run(machine, "{}");
        assertEquals("States.Runtime", run.error());
    }

    @Test
    void inputPathAndOutputPathApplyToAChoice() {
        String machine = """
                {"StartAt":"C","States":{
                  "C":{"Type":"Choice","InputPath":"$.in","OutputPath":"$.keep",
                       "Choices":[{"Variable":"$.v","NumericEquals":1,"Next":"End"}]},
                  "End":{"Type":"Succeed"}}}""";
        assertEquals(Asl.json("{\"k\":1}"), asl.run(machine, "{\"in\":{\"v\":1,\"keep\":{\"k\":1}}}").output());
    }

    @Test
    void badRulesAreRefusedWhenParsed() {
        String wrongType = Asl.single("{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.v\",\"NumericEquals\":\"1\",\"Next\":\"S\"}]}");
        assertThrows(InvalidDefinition.class, () -> StateMachine.parse(wrongType, Map.of()));
        String twoOperators = Asl.single("{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.v\",\"NumericEquals\":1,\"IsNull\":true,\"Next\":\"S\"}]}");
        assertThrows(InvalidDefinition.class, () -> StateMachine.parse(twoOperators, Map.of()));
        String nestedNext = Asl.single("{\"Type\":\"Choice\",\"Choices\":[{\"Not\":{\"Variable\":\"$.v\",\"IsNull\":true,\"Next\":\"S\"},\"Next\":\"S\"}]}");
        assertThrows(InvalidDefinition.class, () -> StateMachine.parse(nestedNext, Map.of()));
        String unknownTarget = Asl.single("{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.v\",\"IsNull\":true,\"Next\":\"Nowhere\"}]}");
        assertThrows(InvalidDefinition.class, () -> StateMachine.parse(unknownTarget, Map.of()));
    }
}
