package com.cloudphone.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Runs a {@link StateMachine} the way a Standard workflow does, in this thread: Task resources are looked up
 * in the registry by their (substituted) Resource, time is read from the clock, and Wait states and retry
 * intervals go through the {@link Sleeper}, so with a {@link ManualClock} a 28-day Wait takes no time.
 * Map iterations and Parallel branches run one after another.
 */
public final class Interpreter {
    /** The optimised Lambda integration: the function comes from Parameters.FunctionName. */
    public static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

    private static final String ARN_PREFIX = "arn:aws:states:local:000000000000:";

    private final StateMachine machine;
    private final Map<String, Task> tasks;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /** Every Task Resource of the machine must be in {@code tasks} (for lambda:invoke, the FunctionName is looked up when called). */
    public Interpreter(StateMachine machine, Map<String, Task> tasks, Clock clock, Sleeper sleeper) {
        this(machine, tasks, clock, sleeper, RandomGenerator.getDefault());
    }

    private Interpreter(StateMachine machine, Map<String, Task> tasks, Clock clock, Sleeper sleeper,
                        RandomGenerator random) {
        for (String resource : machine.resources()) {
            if (!tasks.containsKey(resource) && !resource.equals(LAMBDA_INVOKE)) {
                throw new IllegalArgumentException("no Task registered for the Resource " + resource
                        + " of state machine " + machine.name());
            }
        }
        this.machine = machine;
        this.tasks = Map.copyOf(tasks);
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** The same interpreter, drawing FULL-jitter retry delays from {@code random}. */
    public Interpreter withRandom(RandomGenerator random) {
        return new Interpreter(machine, tasks, clock, sleeper, random);
    }

    public Execution run(JsonNode input) {
        return run(UUID.randomUUID().toString(), input, Listener.NONE);
    }

    public Execution run(String name, JsonNode input) {
        return run(name, input, Listener.NONE);
    }

    /** Runs to the end, or until the listener (or a task) throws {@link Crash}. */
    public Execution run(String name, JsonNode input, Listener listener) {
        return new Run(name, input == null ? Trees.MAPPER.createObjectNode() : input.deepCopy(), listener).execute();
    }

    /** What a state did: its output, and where to go (null: the branch ends). */
    private record Step(JsonNode output, String next) {
    }

    /** One execution's mutable part: the history so far. */
    private final class Run {
        private final List<Event> history = new ArrayList<>();
        private final Listener listener;
        private final Context.Execution execution;

        Run(String name, JsonNode input, Listener listener) {
            this.listener = listener;
            this.execution = new Context.Execution(ARN_PREFIX + "execution:" + machine.name() + ":" + name, name,
                    input, clock.instant(), ARN_PREFIX + "stateMachine:" + machine.name(), machine.name());
        }

        Execution execute() {
            JsonNode input = execution.input();
            try {
                record(Event.Type.EXECUTION_STARTED, null, null, input, null, null, null);
                JsonNode output = branch(machine.definition(), input);
                record(Event.Type.EXECUTION_SUCCEEDED, null, null, output, null, null, null);
                return finish(Execution.Status.SUCCEEDED, output, null, null);
            } catch (Failure f) {
                try {
                    record(Event.Type.EXECUTION_FAILED, null, null, null, f.error(), f.cause(), null);
                } catch (Crash crash) {
                    return aborted(crash);
                }
                return finish(Execution.Status.FAILED, null, f.error(), f.cause());
            } catch (Crash crash) {
                return aborted(crash);
            }
        }

        private Execution aborted(Crash crash) {
            history.add(new Event(clock.instant(), Event.Type.EXECUTION_ABORTED, null, null, null, "Crash",
                    crash.getMessage(), null));
            return finish(Execution.Status.ABORTED, null, "Crash", crash.getMessage());
        }

        private Execution finish(Execution.Status status, JsonNode output, String error, String cause) {
            return new Execution(execution.name(), execution.id(), status, execution.input(), output, error, cause,
                    execution.startTime(), clock.instant(), List.copyOf(history));
        }

        private JsonNode branch(State.Branch branch, JsonNode input) {
            String name = branch.startAt();
            JsonNode data = input;
            while (true) {
                State state = branch.states().get(name);
                Context context = Context.enter(execution, name, clock.instant());
                record(Event.Type.STATE_ENTERED, name, state.type(), data, null, null, null);
                Step step;
                try {
                    step = state(state, name, data, context);
                } catch (Failure f) {
                    record(Event.Type.STATE_FAILED, name, state.type(), null, f.error(), f.cause(), null);
                    throw f;
                }
                record(Event.Type.STATE_EXITED, name, state.type(), step.output(), null, null, null);
                if (step.next() == null) {
                    return step.output();
                }
                name = step.next();
                data = step.output();
            }
        }

        private Step state(State state, String name, JsonNode raw, Context context) {
            if (state instanceof State.Pass s) {
                JsonNode effective = effectiveInput(s.io(), raw, context);
                JsonNode result = s.result() != null ? s.result().deepCopy() : effective;
                return new Step(output(s.io(), raw, result, context), s.next());
            }
            if (state instanceof State.Recoverable s) {
                return recoverable(s, name, raw, context);
            }
            if (state instanceof State.Choice s) {
                JsonNode input = effectiveInput(s.io(), raw, context);
                String next = s.defaultNext();
                for (State.Choice.Rule rule : s.choices()) {
                    if (rule.condition().test(input, context)) {
                        next = rule.next();
                        break;
                    }
                }
                if (next == null) {
                    throw new Failure("States.NoChoiceMatched", "No choice rule matched and there is no Default in " + name);
                }
                return new Step(outputPath(s.io(), input, context), next);
            }
            if (state instanceof State.Wait s) {
                JsonNode input = effectiveInput(s.io(), raw, context);
                Instant until = waitUntil(s, input, context);
                record(Event.Type.WAIT_STARTED, name, "Wait", null, null, null, until.toString());
                sleep(until);
                return new Step(outputPath(s.io(), input, context), s.next());
            }
            if (state instanceof State.Succeed s) {
                return new Step(outputPath(s.io(), effectiveInput(s.io(), raw, context), context), null);
            }
            State.Fail s = (State.Fail) state;
            throw new Failure(text(s.error(), raw, context), text(s.cause(), raw, context));
        }

        private Instant waitUntil(State.Wait s, JsonNode input, Context context) {
            if (s.seconds() != null) {
                return context.enteredTime().plusSeconds(s.seconds());
            }
            if (s.timestamp() != null) {
                return s.timestamp();
            }
            if (s.secondsPath() != null) {
                JsonNode seconds = s.secondsPath().read(input, context, "SecondsPath");
                if (!seconds.isIntegralNumber() || !seconds.canConvertToLong() || seconds.asLong() < 0) {
                    throw Failure.runtime("The SecondsPath parameter does not reference a valid non-negative integer: " + seconds);
                }
                return context.enteredTime().plusSeconds(seconds.asLong());
            }
            JsonNode timestamp = s.timestampPath().read(input, context, "TimestampPath");
            Instant until = Condition.timestamp(timestamp);
            if (until == null) {
                throw Failure.runtime("The TimestampPath parameter does not reference a valid ISO-8601 timestamp: " + timestamp);
            }
            return until;
        }

        /** Task, Map and Parallel: attempts with Retry, then Catch. */
        private Step recoverable(State.Recoverable s, String name, JsonNode raw, Context entered) {
            int[] used = new int[s.retry().size()];
            int retries = 0;
            while (true) {
                Context context = entered.retrying(retries);
                try {
                    JsonNode effective = effectiveInput(s.io(), raw, context);
                    JsonNode result;
                    if (s instanceof State.Task task) {
                        result = invoke(task, name, effective);
                    } else if (s instanceof State.MapState map) {
                        result = map(map, name, effective, context);
                    } else {
                        result = parallel((State.Parallel) s, effective);
                    }
                    return new Step(output(s.io(), raw, result, context), s.next());
                } catch (Failure f) {
                    if (f.terminal()) {
                        throw f;
                    }
                    int r = 0;
                    while (r < s.retry().size() && !f.matches(s.retry().get(r).errorEquals())) {
                        r++;
                    }
                    if (r < s.retry().size() && used[r] < s.retry().get(r).maxAttempts()) {
                        Duration delay = s.retry().get(r).delay(used[r], random);
                        used[r]++;
                        retries++;
                        record(Event.Type.RETRY_SCHEDULED, name, s.type(), null, f.error(), f.cause(), delay.toString());
                        sleep(clock.instant().plus(delay));
                        continue;
                    }
                    for (State.Catcher catcher : s.catchers()) {
                        if (f.matches(catcher.errorEquals())) {
                            ObjectNode errorOutput = Trees.MAPPER.createObjectNode();
                            errorOutput.put("Error", f.error());
                            errorOutput.put("Cause", f.cause());
                            JsonNode output = catcher.resultPath() == null ? raw : catcher.resultPath().write(raw, errorOutput);
                            record(Event.Type.ERROR_CAUGHT, name, s.type(), errorOutput, f.error(), f.cause(), catcher.next());
                            return new Step(output, catcher.next());
                        }
                    }
                    throw f;
                }
            }
        }

        private JsonNode invoke(State.Task state, String name, JsonNode input) {
            String target = state.resource();
            Task task = tasks.get(target);
            JsonNode payload = input;
            boolean lambdaInvoke = task == null;
            if (lambdaInvoke) {
                JsonNode function = input.get("FunctionName");
                if (function == null || !function.isTextual()) {
                    throw Failure.runtime(name + ": " + LAMBDA_INVOKE + " needs Parameters.FunctionName");
                }
                target = function.asText();
                task = tasks.get(target);
                payload = input.has("Payload") ? input.get("Payload") : Trees.MAPPER.createObjectNode();
                if (task == null) {
                    throw new Failure("Lambda.ResourceNotFoundException", "Function not found: " + target);
                }
            }
            record(Event.Type.TASK_SCHEDULED, name, "Task", payload, null, null, target);
            JsonNode result;
            try {
                result = task.invoke(payload.deepCopy());
            } catch (TaskFailure e) {
                throw taskFailed(name, e.error(), e.cause());
            } catch (Crash e) {
                throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Crash("interrupted in " + name);
            } catch (Exception e) {
                throw taskFailed(name, e.getClass().getName(), lambdaCause(e));
            }
            result = result == null ? NullNode.instance : result.deepCopy();
            record(Event.Type.TASK_SUCCEEDED, name, "Task", result, null, null, target);
            if (!lambdaInvoke) {
                return result;
            }
            ObjectNode response = Trees.MAPPER.createObjectNode();
            response.put("ExecutedVersion", "$LATEST");
            response.set("Payload", result);
            response.put("StatusCode", 200);
            return response;
        }

        private Failure taskFailed(String name, String error, String cause) {
            record(Event.Type.TASK_FAILED, name, "Task", null, error, cause, null);
            return new Failure(error, cause);
        }

        private JsonNode map(State.MapState s, String name, JsonNode input, Context context) {
            JsonNode items = s.itemsPath().read(input, context, "ItemsPath");
            if (!items.isArray()) {
                throw Failure.runtime("Map " + name + ": ItemsPath " + s.itemsPath() + " must point to a JSON array, not " + items);
            }
            ArrayNode results = Trees.MAPPER.createArrayNode();
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                JsonNode itemInput = s.itemSelector() == null ? item.deepCopy()
                        : s.itemSelector().evaluate(input, context.mapItem(i, item));
                String index = Integer.toString(i);
                record(Event.Type.MAP_ITERATION_STARTED, name, "Map", itemInput, null, null, index);
                JsonNode output;
                try {
                    output = branch(s.processor(), itemInput);
                } catch (Failure f) {
                    record(Event.Type.MAP_ITERATION_FAILED, name, "Map", null, f.error(), f.cause(), index);
                    throw f;
                }
                record(Event.Type.MAP_ITERATION_SUCCEEDED, name, "Map", output, null, null, index);
                results.add(output);
            }
            return results;
        }

        private JsonNode parallel(State.Parallel s, JsonNode input) {
            ArrayNode results = Trees.MAPPER.createArrayNode();
            for (State.Branch b : s.branches()) {
                results.add(branch(b, input.deepCopy()));
            }
            return results;
        }

        /** InputPath, then Parameters. */
        private JsonNode effectiveInput(State.Io io, JsonNode raw, Context context) {
            JsonNode input = io.inputPath() == null ? Trees.MAPPER.createObjectNode()
                    : io.inputPath().read(raw, context, "InputPath");
            return io.parameters() == null ? input : io.parameters().evaluate(input, context);
        }

        /** ResultSelector, ResultPath (into the raw input), then OutputPath. */
        private JsonNode output(State.Io io, JsonNode raw, JsonNode result, Context context) {
            JsonNode selected = io.resultSelector() == null ? result : io.resultSelector().evaluate(result, context);
            JsonNode combined = io.resultPath() == null ? raw : io.resultPath().write(raw, selected);
            return outputPath(io, combined, context);
        }

        private JsonNode outputPath(State.Io io, JsonNode data, Context context) {
            return io.outputPath() == null ? Trees.MAPPER.createObjectNode()
                    : io.outputPath().read(data, context, "OutputPath").deepCopy();
        }

        private String text(Template template, JsonNode input, Context context) {
            if (template == null) {
                return null;
            }
            JsonNode value = template.evaluate(input, context);
            return value.isTextual() ? value.asText() : value.toString();
        }

        private void sleep(Instant until) {
            try {
                sleeper.sleepUntil(until);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Crash("interrupted while waiting");
            }
        }

        private void record(Event.Type type, String state, String stateType, JsonNode data, String error, String cause,
                            String detail) {
            Event event = new Event(clock.instant(), type, state, stateType, data == null ? null : data.deepCopy(),
                    error, cause, detail);
            history.add(event);
            listener.onEvent(event);
        }
    }

    /** The Cause Step Functions shows for a Lambda function's exception: the runtime's error document. */
    private static String lambdaCause(Exception e) {
        ObjectNode cause = Trees.MAPPER.createObjectNode();
        if (e.getMessage() != null) {
            cause.put("errorMessage", e.getMessage());
        }
        cause.put("errorType", e.getClass().getName());
        cause.putArray("stackTrace");
        return cause.toString();
    }
}
