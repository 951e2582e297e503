package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.workflow.OffboardingSteps;
import com.cloudphone.workflow.TaskFunction;
import java.util.Map;

/** reassign-callflow, as the workflow's per-callflow step: MOVE_NUMBERS or DROP_FROM_GROUP. */
public class CallflowTask extends TaskFunction {
    private final OffboardingSteps steps;

    public CallflowTask() {
        this(Backend.fromEnvironment());
    }

    public CallflowTask(Backend backend) {
        this(backend.steps);
    }

    /** What it uses, and nothing else. */
    public CallflowTask(OffboardingSteps steps) {
        this.steps = steps;
    }

    @Override
    protected Map<String, Object> run(Map<String, Object> input) {
        return steps.callflow(input);
    }
}
