package com.cloudphone.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A finished execution: its output when SUCCEEDED, its error and cause when FAILED (or, ABORTED by a
 * {@link Crash}, error "Crash" and the crash's message), and its history in order.
 */
public record Execution(String name, String id, Status status, JsonNode input, JsonNode output, String error,
                        String cause, Instant startTime, Instant stopTime, List<Event> history) {

    public enum Status { SUCCEEDED, FAILED, ABORTED }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    public List<Event> events(Event.Type type) {
        return history.stream().filter(e -> e.type() == type).toList();
    }

    /** The names of the states entered, in order, Map and Parallel branches included. */
    public List<String> statesEntered() {
        return events(Event.Type.STATE_ENTERED).stream().map(Event::state).toList();
    }

    public List<String> statesExited() {
        return events(Event.Type.STATE_EXITED).stream().map(Event::state).toList();
    }
}
