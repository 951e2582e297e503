package com.cloudphone.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Task state's Resource runs: locally, a Lambda handler called in process. Throw {@link TaskFailure} to
 * fail with a named error; any other exception fails with its class name as the error, as the Java Lambda
 * runtime reports it (for example {@code java.lang.IllegalStateException}).
 */
@FunctionalInterface
public interface Task {
    JsonNode invoke(JsonNode input) throws Exception;
}
