package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.workflow.OffboardingSteps;
import com.cloudphone.workflow.TaskFunction;
import java.util.Map;

/** The workflow's Catch target: the job becomes FAILED with the error a step raised. */
public class RecordFailureTask extends TaskFunction {
    private final OffboardingSteps steps;

    public RecordFailureTask() {
        this(Backend.fromEnvironment());
    }

    public RecordFailureTask(Backend backend) {
        this(backend.steps);
    }

    /** What it uses, and nothing else. */
    public RecordFailureTask(OffboardingSteps steps) {
        this.steps = steps;
    }

    @Override
    protected Map<String, Object> run(Map<String, Object> input) {
        return steps.recordFailure(input);
    }
}
