package com.cloudphone.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** The parsed states of a definition. {@code next} is null where the state ends its branch. */
sealed interface State {
    String type();

    /**
     * The data fields of a state. A null inputPath or outputPath means the JSON null of the definition (the
     * state sees, or gives, {}); a null resultPath discards the result; parameters and resultSelector are null
     * when absent.
     */
    record Io(JsonPath inputPath, Template parameters, Template resultSelector, JsonPath resultPath,
              JsonPath outputPath) {
        static final Io DEFAULT = new Io(JsonPath.ROOT, null, null, JsonPath.ROOT, JsonPath.ROOT);
    }

    /** StartAt and States: the machine itself, a Map's ItemProcessor, a Parallel branch. */
    record Branch(String startAt, Map<String, State> states) {
    }

    record Retrier(List<String> errorEquals, double intervalSeconds, int maxAttempts, double backoffRate,
                   Double maxDelaySeconds, boolean fullJitter) {

        /** The wait before retry number {@code done + 1} of this retrier. */
        Duration delay(int done, RandomGenerator random) {
            double seconds = intervalSeconds * Math.pow(backoffRate, done);
            if (maxDelaySeconds != null) {
                seconds = Math.min(seconds, maxDelaySeconds);
            }
            // No Standard execution outlives a year; the cap keeps a runaway backoff from overflowing the clock.
            seconds = Math.min(seconds, 366 * 86400);
            if (fullJitter) {
                seconds = random.nextDouble() * seconds;
            }
            return Duration.ofMillis(Math.round(seconds * 1000));
        }
    }

    /** A null resultPath discards the error output: the next state gets this state's input. */
    record Catcher(List<String> errorEquals, String next, JsonPath resultPath) {
    }

    /** The states that take Retry and Catch. */
    sealed interface Recoverable extends State {
        Io io();

        List<Retrier> retry();

        List<Catcher> catchers();

        String next();
    }

    record Pass(Io io, JsonNode result, String next) implements State {
        public String type() {
            return "Pass";
        }
    }

    record Task(Io io, String resource, List<Retrier> retry, List<Catcher> catchers, String next) implements Recoverable {
        public String type() {
            return "Task";
        }
    }

    record Choice(Io io, List<Rule> choices, String defaultNext) implements State {
        record Rule(Condition condition, String next) {
        }

        public String type() {
            return "Choice";
        }
    }

    record Wait(Io io, Long seconds, JsonPath secondsPath, Instant timestamp, JsonPath timestampPath, String next)
            implements State {
        public String type() {
            return "Wait";
        }
    }

    record Succeed(Io io) implements State {
        public String type() {
            return "Succeed";
        }
    }

    /** error and cause are fixed text or, from ErrorPath and CausePath, a path or intrinsic; either may be null. */
    record Fail(Template error, Template cause) implements State {
        public String type() {
            return "Fail";
        }
    }

    /** itemSelector is ItemSelector, or the older Parameters, applied to each item. */
    record MapState(Io io, JsonPath itemsPath, Template itemSelector, Branch processor, List<Retrier> retry,
                    List<Catcher> catchers, String next) implements Recoverable {
        public String type() {
            return "Map";
        }
    }

    record Parallel(Io io, List<Branch> branches, List<Retrier> retry, List<Catcher> catchers, String next)
            implements Recoverable {
        public String type() {
            return "Parallel";
        }
    }
}
