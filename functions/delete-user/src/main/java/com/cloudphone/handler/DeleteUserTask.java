package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.workflow.OffboardingSteps;
import com.cloudphone.workflow.TaskFunction;
import java.util.Map;

/** delete-user, as the workflow step: refused while a device is logged in; answers with purgeAt. */
public class DeleteUserTask extends TaskFunction {
    private final OffboardingSteps steps;

    public DeleteUserTask() {
        this(Backend.fromEnvironment());
    }

    public DeleteUserTask(Backend backend) {
        this(backend.steps);
    }

    /** What it uses, and nothing else. */
    public DeleteUserTask(OffboardingSteps steps) {
        this.steps = steps;
    }

    @Override
    protected Map<String, Object> run(Map<String, Object> input) {
        return steps.deleteUser(input);
    }
}
