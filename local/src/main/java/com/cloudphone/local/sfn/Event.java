package com.cloudphone.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One entry of an execution's history. {@code state} and {@code stateType} name the state it is about (null
 * for execution events); {@code data} is the state's input (entered) or output (exited); {@code detail} says
 * the rest: the Resource, the retry delay, the Wait's end, the catcher's Next, the Map item index.
 */
public record Event(Instant time, Type type, String state, String stateType, JsonNode data, String error,
                    String cause, String detail) {

    public enum Type {
        EXECUTION_STARTED,
        STATE_ENTERED,
        STATE_EXITED,
        /** The Task's Resource is being called; detail is the Resource (for lambda:invoke, the FunctionName). */
        TASK_SCHEDULED,
        TASK_SUCCEEDED,
        TASK_FAILED,
        /** A retrier matched; detail is the wait as an ISO-8601 duration (PT2S). */
        RETRY_SCHEDULED,
        /** detail is the instant the Wait state waits until. */
        WAIT_STARTED,
        /** A catcher matched; detail is its Next. */
        ERROR_CAUGHT,
        /** The state failed and nothing in it caught the error. */
        STATE_FAILED,
        /** detail is the item's index. */
        MAP_ITERATION_STARTED,
        MAP_ITERATION_SUCCEEDED,
        MAP_ITERATION_FAILED,
        EXECUTION_SUCCEEDED,
        EXECUTION_FAILED,
        EXECUTION_ABORTED
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(type.name());
        if (state != null) {
            s.append(' ').append(state);
        }
        if (error != null) {
            s.append(" error=").append(error);
        }
        if (detail != null) {
            s.append(" (").append(detail).append(')');
        }
        return s.toString();
    }
}
