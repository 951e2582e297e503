package com.cloudphone.local.sfn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.testing.TestJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The cases of crosscheck-cases.json, whose expected outcomes the independent npm interpreter
 * aws-local-stepfunctions also reaches (local/sfn-crosscheck, installed by the test with {@code npm ci}).
 */
class CrossCheckTest {
    private static final String CASES = "/sfn/crosscheck-cases.json";

    @TestFactory
    Stream<DynamicTest> theJavaInterpreterReachesTheExpectedOutcomes() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases()) {
            tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> {
                Asl asl = new Asl();
                StateMachine machine = StateMachine.parse(c.path("definition").toString(), Map.of());
                Map<String, Task> tasks = new HashMap<>();
                for (String resource : machine.resources()) {
                    tasks.put(resource, behaviour(c.path("tasks").path(resource.substring(resource.lastIndexOf(':') + 1))));
                }
                Execution run = new Interpreter(machine, tasks, asl.clock, asl.clock).run("x", c.path("input"));
                JsonNode expected = c.path("expected");
                assertEquals(expected.path("status").asText(), run.status().name(), () -> run.error() + ": " + run.cause());
                if (run.succeeded()) {
                    assertEquals(expected.path("output"), run.output());
                } else {
                    assertEquals(expected.path("error").asText(), run.error());
                    if (expected.has("cause")) {
                        assertEquals(expected.path("cause").asText(), run.cause());
                    }
                }
            }));
        }
        return tests.stream();
    }

    /** Fails with each of "failures" in turn (cause "NAME number N"), then answers "result" ("echo": {"echo": input}). */
    private static Task behaviour(JsonNode spec) {
        int[] failed = {0};
        return input -> {
            JsonNode failures = spec.path("failures");
            if (failed[0] < failures.size()) {
                String error = failures.get(failed[0]++).asText();
                throw new TaskFailure(error, error + " number " + failed[0]);
            }
            JsonNode result = spec.path("result");
            return result.asText().equals("echo") ? TestJson.MAPPER.createObjectNode().set("echo", input) : result;
        };
    }

    @Test
    void theNpmInterpreterAgreesAndTheDefinitionsValidate() throws Exception {
        Path harness = com.cloudphone.local.NodeModules.ensureInstalled();
        Path cases = Path.of("src/test/resources" + CASES).toAbsolutePath();
        Process node;
        try {
            node = new ProcessBuilder("node", "crosscheck.mjs", cases.toString())
                    .directory(harness.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("node is not installed: " + e.getMessage());
            return;
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(2, TimeUnit.MINUTES), "node did not finish");
        assertEquals(0, node.exitValue(), output);
    }

    private static List<JsonNode> cases() throws IOException {
        try (InputStream in = CrossCheckTest.class.getResourceAsStream(CASES)) {
            List<JsonNode> out = new ArrayList<>();
            TestJson.MAPPER.readTree(in).forEach(out::add);
            return out;
        }
    }
}
