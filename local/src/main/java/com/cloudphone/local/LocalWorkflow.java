package com.cloudphone.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.cloudphone.Backend;
import com.cloudphone.json.Json;
import com.cloudphone.local.sfn.Execution;
import com.cloudphone.local.sfn.Interpreter;
import com.cloudphone.local.sfn.Listener;
import com.cloudphone.local.sfn.Sleeper;
import com.cloudphone.local.sfn.StateMachine;
import com.cloudphone.local.sfn.Task;
import com.cloudphone.local.sfn.TaskFailure;
import com.cloudphone.local.sfn.Trees;
import com.cloudphone.log.Log;
import com.cloudphone.service.WorkflowStarter;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step Functions for the local stack: the state machine file template.yaml deploys, run by the local
 * interpreter. Each {@code ${...FunctionArn}} substitution resolves, through the template, to the function's
 * handler class, which runs in process with this stack's backend, as Lambda would run it.
 */
public final class LocalWorkflow implements WorkflowStarter {
    /** {@code XFunctionArn: !Ref Function.Alias} (the deployed form) or {@code !GetAtt Function.Arn}. */
    private static final Pattern SUBSTITUTION = Pattern.compile(
            "^\\s+(\\w+FunctionArn): (?:!Ref (\\w+)\\.Alias|!GetAtt (\\w+)\\.Arn)\\s*$", Pattern.MULTILINE);
    private static final Pattern DEFINITION = Pattern.compile("DefinitionUri: (\\S+)");

    private final Clock clock;
    private final Sleeper sleeper;
    private final ExecutorService executions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-workflow");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Future<Execution>> started = new ConcurrentHashMap<>();
    private volatile Interpreter interpreter;
    private volatile boolean holding;
    private volatile boolean stopping;
    private final Map<String, String> held = new ConcurrentHashMap<>();

    public LocalWorkflow(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Reads template.yaml and the ASL file it names, and binds every task to its handler on {@code backend}. */
    void attach(Backend backend, Path projectRoot) throws Exception {
        String template = Files.readString(projectRoot.resolve("template.yaml"));
        Matcher definition = DEFINITION.matcher(template);
        if (!definition.find()) {
            throw new IllegalStateException("template.yaml has no state machine DefinitionUri");
        }
        Map<String, String> substitutions = new LinkedHashMap<>();
        Map<String, Task> tasks = new LinkedHashMap<>();
        Matcher m = SUBSTITUTION.matcher(template);
        while (m.find()) {
            String logicalId = m.group(2) != null ? m.group(2) : m.group(3);
            String arn = "arn:aws:lambda:local:000000000000:function:" + logicalId;
            substitutions.put(m.group(1), arn);
            tasks.put(arn, task(handler(backend, template, logicalId)));
        }
        StateMachine machine = StateMachine.load(projectRoot.resolve(definition.group(1)), substitutions);
        this.interpreter = new Interpreter(machine, tasks, clock, sleeper);
    }

    /** Finds the Handler of a function resource in the template and builds it around the backend. */
    @SuppressWarnings("unchecked")
    private static RequestHandler<Map<String, Object>, Map<String, Object>> handler(Backend backend, String template,
                                                                                 String logicalId) throws Exception {
        Matcher resource = Pattern.compile("^  " + logicalId + ":\\s*$(.*?)^  \\w", Pattern.MULTILINE | Pattern.DOTALL)
                .matcher(template);
        if (!resource.find()) {
            throw new IllegalStateException("no resource " + logicalId + " in template.yaml");
        }
        Matcher handler = Pattern.compile("Handler: ([\\w.]+)::handleRequest").matcher(resource.group(1));
        if (!handler.find()) {
            throw new IllegalStateException(logicalId + " has no Handler");
        }
        return (RequestHandler<Map<String, Object>, Map<String, Object>>) Class.forName(handler.group(1))
                .getConstructor(Backend.class).newInstance(backend);
    }

    /** Calls the handler as Lambda would: JSON in, JSON out; a thrown exception becomes the Lambda error shape. */
    private static Task task(RequestHandler<Map<String, Object>, Map<String, Object>> handler) {
        return input -> {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> in = Trees.MAPPER.convertValue(input, Map.class);
                return Trees.MAPPER.valueToTree(handler.handleRequest(in, null));
            } catch (RuntimeException e) {
                Map<String, Object> cause = new LinkedHashMap<>();
                cause.put("errorMessage", e.getMessage());
                cause.put("errorType", e.getClass().getName());
                throw new TaskFailure(e.getClass().getName(), Json.write(cause));
            }
        };
    }

    /** Tests: record starts instead of running them, to drive executions by hand with {@link #runNow}. */
    public void hold(boolean hold) {
        this.holding = hold;
    }

    /** The input of an execution that was started while holding. */
    public String heldInput(String name) {
        return held.get(name);
    }

    @Override
    public void start(String name, String inputJson) {
        if (holding) {
            held.put(name, inputJson);
            return;
        }
        started.computeIfAbsent(name, n -> executions.submit(() -> {
            Execution execution = runNow(n, inputJson, Listener.NONE);
            if (stopping && execution.status() == Execution.Status.ABORTED) {
                // interrupted by the stack's stop, typically in a Wait state: not a crash
                Log.info("execution stopped with the stack", Map.of("execution", n));
                return execution;
            }
            Log.info("execution finished", Map.of("execution", n, "status", execution.status().name(),
                    "error", String.valueOf(execution.error())));
            return execution;
        }));
    }

    /** Runs an execution on the calling thread (tests use it with a crash listener). */
    public Execution runNow(String name, String inputJson, Listener listener) {
        try {
            JsonNode input = Trees.MAPPER.readTree(inputJson);
            return interpreter.run(name, input, listener);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("execution input is not JSON", e);
        }
    }

    /** The asynchronous execution started under this name, if any. */
    public Future<Execution> execution(String name) {
        return started.get(name);
    }

    /** Stops every execution and waits (briefly) until each has logged how it ended, so stop messages come last. */
    void shutdown() {
        stopping = true;
        executions.shutdownNow();
        try {
            executions.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
