package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.workflow.TaskFunction;
import java.util.Map;

/** delete-user, as the workflow step: refused while a device is logged in; answers with purgeAt. */
public class DeleteUserTask extends TaskFunction {
    private final Backend backend;

    public DeleteUserTask() {
        this(Backend.fromEnvironment());
    }

    public DeleteUserTask(Backend backend) {
        this.backend = backend;
    }

    @Override
    protected Map<String, Object> run(Map<String, Object> input) {
        return backend.steps.deleteUser(input);
    }
}
