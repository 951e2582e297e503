package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.workflow.TaskFunction;
import java.util.Map;

/** purge-data, as the workflow's last step after the Wait. */
public class PurgeTask extends TaskFunction {
    private final Backend backend;

    public PurgeTask() {
        this(Backend.fromEnvironment());
    }

    public PurgeTask(Backend backend) {
        this.backend = backend;
    }

    @Override
    protected Map<String, Object> run(Map<String, Object> input) {
        return backend.steps.purgeData(input);
    }
}
