package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.workflow.OffboardingSteps;
import com.cloudphone.workflow.TaskFunction;
import java.util.Map;

/** release-number, as the workflow's per-number step: REASSIGN, RECYCLE or RELEASE. */
public class NumberTask extends TaskFunction {
    private final OffboardingSteps steps;

    public NumberTask() {
        this(Backend.fromEnvironment());
    }

    public NumberTask(Backend backend) {
        this(backend.steps);
    }

    /** What it uses, and nothing else. */
    public NumberTask(OffboardingSteps steps) {
        this.steps = steps;
    }

    @Override
    protected Map<String, Object> run(Map<String, Object> input) {
        return steps.number(input);
    }
}
