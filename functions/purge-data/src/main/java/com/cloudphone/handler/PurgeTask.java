package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.workflow.OffboardingSteps;
import com.cloudphone.workflow.TaskFunction;
import java.util.Map;

/** purge-data, as the workflow's last step after the Wait. */
public class PurgeTask extends TaskFunction {
    private final OffboardingSteps steps;

    public PurgeTask() {
        this(Backend.fromEnvironment());
    }

    public PurgeTask(Backend backend) {
        this(backend.steps);
    }

    /** What it uses, and nothing else. */
    public PurgeTask(OffboardingSteps steps) {
        this.steps = steps;
    }

    @Override
    protected Map<String, Object> run(Map<String, Object> input) {
        return steps.purgeData(input);
    }
}
