package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.workflow.TaskFunction;
import java.util.Map;

/** The workflow's Catch target: the job becomes FAILED with the error a step raised. */
public class RecordFailureTask extends TaskFunction {
    private final Backend backend;

    public RecordFailureTask() {
        this(Backend.fromEnvironment());
    }

    public RecordFailureTask(Backend backend) {
        this.backend = backend;
    }

    @Override
    protected Map<String, Object> run(Map<String, Object> input) {
        return backend.steps.recordFailure(input);
    }
}
