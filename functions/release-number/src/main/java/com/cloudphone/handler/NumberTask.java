package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.workflow.TaskFunction;
import java.util.Map;

/** release-number, as the workflow's per-number step: REASSIGN, RECYCLE or RELEASE. */
public class NumberTask extends TaskFunction {
    private final Backend backend;

    public NumberTask() {
        this(Backend.fromEnvironment());
    }

    public NumberTask(Backend backend) {
        this.backend = backend;
    }

    @Override
    protected Map<String, Object> run(Map<String, Object> input) {
        return backend.steps.number(input);
    }
}
