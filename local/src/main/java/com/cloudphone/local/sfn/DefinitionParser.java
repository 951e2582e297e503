package com.cloudphone.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ASL JSON to {@link State}s, refusing what CreateStateMachine would refuse (missing transitions, unknown
 * fields, bad paths, unknown intrinsics) and what this interpreter does not run (Distributed Map, JSONata...).
 */
final class DefinitionParser {
    private static final Set<String> IO = Set.of("Type", "Comment", "InputPath", "OutputPath");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "Pass", with(IO, "Next", "End", "ResultPath", "Parameters", "Result"),
            "Task", with(IO, "Next", "End", "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch", "Resource",
                    "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath"),
            "Choice", with(IO, "Choices", "Default"),
            "Wait", with(IO, "Next", "End", "Seconds", "SecondsPath", "Timestamp", "TimestampPath"),
            "Succeed", IO,
            "Fail", Set.of("Type", "Comment", "Error", "Cause", "ErrorPath", "CausePath"),
            "Map", with(IO, "Next", "End", "ResultPath", "Parameters", "ItemSelector", "ResultSelector", "Retry",
                    "Catch", "ItemsPath", "Iterator", "ItemProcessor", "MaxConcurrency"),
            "Parallel", with(IO, "Next", "End", "ResultPath", "Parameters", "ResultSelector", "Retry", "Catch",
                    "Branches"));
    private static final Set<String> COMPARISONS = comparisons();
    private static final Set<String> TYPE_TESTS = Set.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean",
            "IsTimestamp");

    private final Set<String> resources = new LinkedHashSet<>();

    /** The Resource strings of every Task state, Map and Parallel branches included. */
    Set<String> resources() {
        return resources;
    }

    State.Branch machine(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidDefinition("a state machine definition is a JSON object");
        }
        allow(root, Set.of("Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage"), "the definition");
        if (root.has("QueryLanguage") && !root.get("QueryLanguage").asText().equals("JSONPath")) {
            throw new InvalidDefinition("QueryLanguage " + root.get("QueryLanguage") + " is not supported (JSONPath only)");
        }
        return branch(root, "");
    }

    private State.Branch branch(JsonNode node, String where) {
        String startAt = text(node, "StartAt", where, true);
        JsonNode statesNode = node.get("States");
        if (statesNode == null || !statesNode.isObject() || statesNode.isEmpty()) {
            throw new InvalidDefinition(where + "States must be a non-empty object");
        }
        Map<String, State> states = new LinkedHashMap<>();
        statesNode.fields().forEachRemaining(e -> states.put(e.getKey(), state(e.getValue(), where + e.getKey())));
        target(states, startAt, where + "StartAt");
        states.forEach((name, state) -> {
            for (String next : transitions(state)) {
                target(states, next, name);
            }
        });
        return new State.Branch(startAt, Map.copyOf(states));
    }

    /** Every state a state can go to next. */
    private static List<String> transitions(State state) {
        List<String> out = new ArrayList<>();
        if (state instanceof State.Pass s) {
            out.add(s.next());
        } else if (state instanceof State.Wait s) {
            out.add(s.next());
        } else if (state instanceof State.Recoverable s) {
            out.add(s.next());
            s.catchers().forEach(c -> out.add(c.next()));
        } else if (state instanceof State.Choice s) {
            s.choices().forEach(r -> out.add(r.next()));
            out.add(s.defaultNext());
        }
        return out;
    }

    private static void target(Map<String, State> states, String next, String where) {
        if (next != null && !states.containsKey(next)) {
            throw new InvalidDefinition(where + ": no state named '" + next + "' to go to");
        }
    }

    private State state(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new InvalidDefinition(where + ": a state is a JSON object");
        }
        String type = text(node, "Type", where, true);
        Set<String> fields = FIELDS.get(type);
        if (fields == null) {
            throw new InvalidDefinition(where + ": unknown Type " + type);
        }
        allow(node, fields, where);
        return switch (type) {
            case "Pass" -> new State.Pass(io(node, where), node.get("Result"), transition(node, where));
            case "Task" -> task(node, where);
            case "Choice" -> choice(node, where);
            case "Wait" -> waitState(node, where);
            case "Succeed" -> new State.Succeed(io(node, where));
            case "Fail" -> fail(node, where);
            case "Map" -> map(node, where);
            case "Parallel" -> parallel(node, where);
            default -> throw new IllegalStateException(type);
        };
    }

    private State task(JsonNode node, String where) {
        String resource = text(node, "Resource", where, true);
        resources.add(resource);
        return new State.Task(io(node, where), resource, retriers(node, where), catchers(node, where),
                transition(node, where));
    }

    private State choice(JsonNode node, String where) {
        JsonNode choices = node.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw new InvalidDefinition(where + ": Choices must be a non-empty array");
        }
        List<State.Choice.Rule> rules = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            JsonNode rule = choices.get(i);
            String ruleWhere = where + " Choices[" + i + "]";
            rules.add(new State.Choice.Rule(condition(rule, ruleWhere, true), text(rule, "Next", ruleWhere, true)));
        }
        return new State.Choice(io(node, where), List.copyOf(rules), text(node, "Default", where, false));
    }

    private Condition condition(JsonNode rule, String where, boolean top) {
        if (!rule.isObject()) {
            throw new InvalidDefinition(where + ": a choice rule is a JSON object");
        }
        if (!top && rule.has("Next")) {
            throw new InvalidDefinition(where + ": only a top-level choice rule has Next");
        }
        Set<String> keys = new LinkedHashSet<>();
        rule.fieldNames().forEachRemaining(keys::add);
        keys.removeAll(Set.of("Next", "Comment"));
        for (String combinator : List.of("And", "Or", "Not")) {
            if (keys.contains(combinator)) {
                if (keys.size() != 1) {
                    throw new InvalidDefinition(where + ": " + combinator + " stands alone in its rule, found " + keys);
                }
                JsonNode inner = rule.get(combinator);
                if (combinator.equals("Not")) {
                    return new Condition.Not(condition(inner, where + ".Not", false));
                }
                if (!inner.isArray() || inner.isEmpty()) {
                    throw new InvalidDefinition(where + ": " + combinator + " takes a non-empty array of rules");
                }
                List<Condition> parts = new ArrayList<>();
                for (int i = 0; i < inner.size(); i++) {
                    parts.add(condition(inner.get(i), where + "." + combinator + "[" + i + "]", false));
                }
                return combinator.equals("And") ? new Condition.And(List.copyOf(parts)) : new Condition.Or(List.copyOf(parts));
            }
        }
        JsonPath variable = path(rule, "Variable", where, true);
        keys.remove("Variable");
        if (keys.size() != 1) {
            throw new InvalidDefinition(where + ": a choice rule has one comparison operator, found " + keys);
        }
        String operator = keys.iterator().next();
        JsonNode value = rule.get(operator);
        if (TYPE_TESTS.contains(operator)) {
            if (!value.isBoolean()) {
                throw new InvalidDefinition(where + ": " + operator + " takes true or false");
            }
            return new Condition.Comparison(variable, operator, value, null);
        }
        if (!COMPARISONS.contains(operator)) {
            throw new InvalidDefinition(where + ": unknown comparison operator " + operator);
        }
        if (operator.endsWith("Path")) {
            return new Condition.Comparison(variable, operator, null, path(rule, operator, where, true));
        }
        boolean fits = operator.startsWith("String") ? value.isTextual()
                : operator.startsWith("Numeric") ? value.isNumber()
                : operator.startsWith("Boolean") ? value.isBoolean()
                : Condition.timestamp(value) != null;
        if (!fits) {
            throw new InvalidDefinition(where + ": " + value + " is not a valid value for " + operator);
        }
        return new Condition.Comparison(variable, operator, value, null);
    }

    private State waitState(JsonNode node, String where) {
        List<String> given = new ArrayList<>();
        for (String f : List.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath")) {
            if (node.has(f)) {
                given.add(f);
            }
        }
        if (given.size() != 1) {
            throw new InvalidDefinition(where + ": a Wait state has exactly one of Seconds, SecondsPath, Timestamp, TimestampPath");
        }
        Long seconds = null;
        if (node.has("Seconds")) {
            JsonNode s = node.get("Seconds");
            if (!s.canConvertToLong() || !s.isIntegralNumber() || s.asLong() < 0) {
                throw new InvalidDefinition(where + ": Seconds must be a non-negative integer");
            }
            seconds = s.asLong();
        }
        Instant timestamp = null;
        if (node.has("Timestamp")) {
            timestamp = Condition.timestamp(node.get("Timestamp"));
            if (timestamp == null) {
                throw new InvalidDefinition(where + ": Timestamp must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z");
            }
        }
        return new State.Wait(io(node, where), seconds, path(node, "SecondsPath", where, false), timestamp,
                path(node, "TimestampPath", where, false), transition(node, where));
    }

    private State fail(JsonNode node, String where) {
        for (String f : List.of("Error", "Cause")) {
            if (node.has(f) && node.has(f + "Path")) {
                throw new InvalidDefinition(where + ": " + f + " and " + f + "Path exclude each other");
            }
        }
        return new State.Fail(failText(node, "Error", where), failText(node, "Cause", where));
    }

    private static Template failText(JsonNode node, String field, String where) {
        if (node.has(field)) {
            return new Template.Constant(com.fasterxml.jackson.databind.node.TextNode.valueOf(text(node, field, where, true)));
        }
        if (node.has(field + "Path")) {
            return Template.expression(text(node, field + "Path", where, true), where + "." + field + "Path");
        }
        return null;
    }

    private State map(JsonNode node, String where) {
        if (node.has("ItemSelector") && node.has("Parameters")) {
            throw new InvalidDefinition(where + ": ItemSelector and Parameters exclude each other");
        }
        if (node.has("Iterator") == node.has("ItemProcessor")) {
            throw new InvalidDefinition(where + ": a Map state has exactly one of ItemProcessor, Iterator");
        }
        JsonNode processor = node.has("ItemProcessor") ? node.get("ItemProcessor") : node.get("Iterator");
        if (!processor.isObject()) {
            throw new InvalidDefinition(where + ": ItemProcessor must be an object");
        }
        allow(processor, Set.of("StartAt", "States", "Comment", "ProcessorConfig"), where + " ItemProcessor");
        JsonNode config = processor.path("ProcessorConfig");
        if (!config.path("Mode").asText("INLINE").equals("INLINE")) {
            throw new InvalidDefinition(where + ": only an INLINE Map is supported, not " + config.path("Mode").asText());
        }
        JsonNode concurrency = node.get("MaxConcurrency");
        if (concurrency != null && (!concurrency.isIntegralNumber() || concurrency.asInt() < 0)) {
            throw new InvalidDefinition(where + ": MaxConcurrency must be a non-negative integer");
        }
        JsonPath itemsPath = node.has("ItemsPath") ? path(node, "ItemsPath", where, true) : JsonPath.ROOT;
        String selectorField = node.has("ItemSelector") ? "ItemSelector" : "Parameters";
        return new State.MapState(io(node, where, false), itemsPath, template(node, selectorField, where),
                branch(processor, where + "/"), retriers(node, where), catchers(node, where), transition(node, where));
    }

    private State parallel(JsonNode node, String where) {
        JsonNode branches = node.get("Branches");
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            throw new InvalidDefinition(where + ": Branches must be a non-empty array");
        }
        List<State.Branch> parsed = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            allow(branches.get(i), Set.of("StartAt", "States", "Comment"), where + " Branches[" + i + "]");
            parsed.add(branch(branches.get(i), where + "/" + i + "/"));
        }
        return new State.Parallel(io(node, where), List.copyOf(parsed), retriers(node, where), catchers(node, where),
                transition(node, where));
    }

    private static State.Io io(JsonNode node, String where) {
        return io(node, where, true);
    }

    private static State.Io io(JsonNode node, String where, boolean parameters) {
        JsonPath resultPath = nullablePath(node, "ResultPath", where);
        if (resultPath != null && resultPath.context()) {
            throw new InvalidDefinition(where + ": ResultPath cannot point into the context object");
        }
        return new State.Io(nullablePath(node, "InputPath", where), parameters ? template(node, "Parameters", where) : null,
                template(node, "ResultSelector", where), resultPath, nullablePath(node, "OutputPath", where));
    }

    private static Template template(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw new InvalidDefinition(where + ": " + field + " must be a JSON object");
        }
        return Template.compile(value, where + " " + field);
    }

    private List<State.Retrier> retriers(JsonNode node, String where) {
        List<State.Retrier> out = new ArrayList<>();
        JsonNode retry = node.get("Retry");
        if (retry == null) {
            return List.of();
        }
        if (!retry.isArray()) {
            throw new InvalidDefinition(where + ": Retry must be an array");
        }
        for (int i = 0; i < retry.size(); i++) {
            JsonNode r = retry.get(i);
            String w = where + " Retry[" + i + "]";
            allow(r, Set.of("ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds",
                    "JitterStrategy", "Comment"), w);
            List<String> errors = errorEquals(r, w, i == retry.size() - 1);
            int interval = integer(r, "IntervalSeconds", 1, 1, w);
            int maxAttempts = integer(r, "MaxAttempts", 3, 0, w);
            double backoff = r.has("BackoffRate") ? r.get("BackoffRate").asDouble() : 2.0;
            if (r.has("BackoffRate") && (!r.get("BackoffRate").isNumber() || backoff < 1.0)) {
                throw new InvalidDefinition(w + ": BackoffRate must be a number >= 1.0");
            }
            Double maxDelay = r.has("MaxDelaySeconds") ? (double) integer(r, "MaxDelaySeconds", 0, 1, w) : null;
            String jitter = r.path("JitterStrategy").asText("NONE");
            if (!jitter.equals("NONE") && !jitter.equals("FULL")) {
                throw new InvalidDefinition(w + ": JitterStrategy is FULL or NONE");
            }
            out.add(new State.Retrier(errors, interval, maxAttempts, backoff, maxDelay, jitter.equals("FULL")));
        }
        return List.copyOf(out);
    }

    private List<State.Catcher> catchers(JsonNode node, String where) {
        List<State.Catcher> out = new ArrayList<>();
        JsonNode catchers = node.get("Catch");
        if (catchers == null) {
            return List.of();
        }
        if (!catchers.isArray()) {
            throw new InvalidDefinition(where + ": Catch must be an array");
        }
        for (int i = 0; i < catchers.size(); i++) {
            JsonNode c = catchers.get(i);
            String w = where + " Catch[" + i + "]";
            allow(c, Set.of("ErrorEquals", "Next", "ResultPath", "Comment"), w);
            JsonPath resultPath = nullablePath(c, "ResultPath", w);
            if (resultPath != null && resultPath.context()) {
                throw new InvalidDefinition(w + ": ResultPath cannot point into the context object");
            }
            out.add(new State.Catcher(errorEquals(c, w, i == catchers.size() - 1), text(c, "Next", w, true), resultPath));
        }
        return List.copyOf(out);
    }

    private static List<String> errorEquals(JsonNode node, String where, boolean last) {
        JsonNode errors = node.get("ErrorEquals");
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            throw new InvalidDefinition(where + ": ErrorEquals must be a non-empty array of error names");
        }
        List<String> names = new ArrayList<>();
        errors.forEach(e -> {
            if (!e.isTextual()) {
                throw new InvalidDefinition(where + ": ErrorEquals holds strings");
            }
            names.add(e.asText());
        });
        if (names.contains("States.ALL") && (names.size() != 1 || !last)) {
            throw new InvalidDefinition(where + ": States.ALL must be alone in ErrorEquals, in the last retrier or catcher");
        }
        return List.copyOf(names);
    }

    private static String transition(JsonNode node, String where) {
        boolean end = node.path("End").asBoolean(false);
        if (node.has("End") && !node.get("End").isBoolean()) {
            throw new InvalidDefinition(where + ": End must be true or false");
        }
        if (node.has("Next") == end) {
            throw new InvalidDefinition(where + ": a state has either Next or \"End\": true");
        }
        return end ? null : text(node, "Next", where, true);
    }

    private static JsonPath path(JsonNode node, String field, String where, boolean required) {
        String text = text(node, field, where, required);
        if (text == null) {
            return null;
        }
        try {
            return JsonPath.parse(text);
        } catch (InvalidDefinition e) {
            throw new InvalidDefinition(where + " " + field + ": " + e.getMessage());
        }
    }

    /** Absent is $; JSON null is null (discard); anything else is a path. */
    private static JsonPath nullablePath(JsonNode node, String field, String where) {
        if (!node.has(field)) {
            return JsonPath.ROOT;
        }
        return node.get(field).isNull() ? null : path(node, field, where, true);
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode value = node.get(field);
        if (value == null) {
            if (required) {
                throw new InvalidDefinition(where + ": " + field + " is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidDefinition(where + ": " + field + " must be a string");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field, int absent, int min, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min) {
            throw new InvalidDefinition(where + ": " + field + " must be an integer >= " + min);
        }
        return value.asInt();
    }

    private static void allow(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw new InvalidDefinition(where + " must be a JSON object");
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new InvalidDefinition(where + ": field " + f + " is not supported here (by ASL, or by this local interpreter)");
            }
        });
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new LinkedHashSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }

    private static Set<String> comparisons() {
        Set<String> ops = new LinkedHashSet<>();
        for (String family : List.of("String", "Numeric", "Timestamp")) {
            for (String relation : List.of("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals")) {
                ops.add(family + relation);
                ops.add(family + relation + "Path");
            }
        }
        ops.addAll(List.of("BooleanEquals", "BooleanEqualsPath", "StringMatches"));
        return Set.copyOf(ops);
    }
}
