package com.cloudphone.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What {@code $$} reads while a state runs: the execution, the state, and in ItemSelector the Map item. */
record Context(Execution execution, String stateName, Instant enteredTime, int retryCount, Integer mapIndex,
               JsonNode mapValue) {

    /** The execution's part, the same for every state. */
    record Execution(String id, String name, JsonNode input, Instant startTime, String machineId, String machineName) {
    }

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Timestamps as Step Functions writes them in the context object: UTC, milliseconds. */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static Context enter(Execution execution, String stateName, Instant enteredTime) {
        return new Context(execution, stateName, enteredTime, 0, null, null);
    }

    Context retrying(int count) {
        return new Context(execution, stateName, enteredTime, count, mapIndex, mapValue);
    }

    Context mapItem(int index, JsonNode value) {
        return new Context(execution, stateName, enteredTime, retryCount, index, value);
    }

    JsonNode json() {
        ObjectNode root = Trees.MAPPER.createObjectNode();
        ObjectNode exec = root.putObject("Execution");
        exec.put("Id", execution.id());
        exec.set("Input", execution.input());
        exec.put("Name", execution.name());
        exec.put("RoleArn", "arn:aws:iam::000000000000:role/local-state-machine");
        exec.put("StartTime", timestamp(execution.startTime()));
        ObjectNode state = root.putObject("State");
        state.put("EnteredTime", timestamp(enteredTime));
        state.put("Name", stateName);
        state.put("RetryCount", retryCount);
        ObjectNode machine = root.putObject("StateMachine");
        machine.put("Id", execution.machineId());
        machine.put("Name", execution.machineName());
        if (mapIndex != null) {
            ObjectNode item = root.putObject("Map").putObject("Item");
            item.put("Index", mapIndex);
            item.set("Value", mapValue);
        }
        return root;
    }
}
