package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.workflow.TaskFunction;
import java.util.Map;

/**
 * The agency-removal steps of the workflow: out of one account ({@code item}), or, with {@code step} FINISH, the
 * job marked done once every account is.
 */
public class AgencyRemovalTask extends TaskFunction {
    private final Backend backend;

    public AgencyRemovalTask() {
        this(Backend.fromEnvironment());
    }

    public AgencyRemovalTask(Backend backend) {
        this.backend = backend;
    }

    @Override
    protected Map<String, Object> run(Map<String, Object> input) {
        return "FINISH".equals(input.get("step")) ? backend.steps.finishAgencyRemoval(input)
                : backend.steps.removeFromAccount(input);
    }
}
