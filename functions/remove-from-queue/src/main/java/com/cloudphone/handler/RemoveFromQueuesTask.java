package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.workflow.OffboardingSteps;
import com.cloudphone.workflow.TaskFunction;
import java.util.Map;

/** remove-from-queue, as the workflow's first step: out of every queue of the account. */
public class RemoveFromQueuesTask extends TaskFunction {
    private final OffboardingSteps steps;

    public RemoveFromQueuesTask() {
        this(Backend.fromEnvironment());
    }

    public RemoveFromQueuesTask(Backend backend) {
        this(backend.steps);
    }

    /** What it uses, and nothing else. */
    public RemoveFromQueuesTask(OffboardingSteps steps) {
        this.steps = steps;
    }

    @Override
    protected Map<String, Object> run(Map<String, Object> input) {
        return steps.removeFromQueues(input);
    }
}
