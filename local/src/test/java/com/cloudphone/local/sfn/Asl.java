package com.cloudphone.local.sfn;

import com.cloudphone.testing.TestJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/** Small definitions run on a manual clock: the helpers the interpreter tests share. */
final class Asl {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    final ManualClock clock = new ManualClock(START);

    static JsonNode json(String text) {
        try {
            return TestJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A one-state machine around {@code state}, named S. */
    static String single(String state) {
        return "{\"StartAt\":\"S\",\"States\":{\"S\":" + state + "}}";
    }

    Interpreter interpreter(String asl, Map<String, Task> tasks) {
        return new Interpreter(StateMachine.parse("test", asl, Map.of()), tasks, clock, clock);
    }

    Execution run(String asl, Map<String, Task> tasks, String input) {
        return interpreter(asl, tasks).run("exec-1", json(input));
    }

    Execution run(String asl, String input) {
        return run(asl, Map.of(), input);
    }
}
