package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.workflow.OffboardingSteps;
import com.cloudphone.workflow.TaskFunction;
import java.util.Map;

/**
 * The agency-removal steps of the workflow: out of one account ({@code item}), or, with {@code step} FINISH, the
 * job marked done once every account is.
 */
public class AgencyRemovalTask extends TaskFunction {
    private final OffboardingSteps steps;

    public AgencyRemovalTask() {
        this(Backend.fromEnvironment());
    }

    public AgencyRemovalTask(Backend backend) {
        this(backend.steps);
    }

    /** What it uses, and nothing else. */
    public AgencyRemovalTask(OffboardingSteps steps) {
        this.steps = steps;
    }

    @Override
    protected Map<String, Object> run(Map<String, Object> input) {
        return "FINISH".equals(input.get("step")) ? steps.finishAgencyRemoval(input)
                : steps.removeFromAccount(input);
    }
}
