package com.cloudphone.workflow;

import com.cloudphone.service.WorkflowStarter;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/** Starts the offboarding state machine with StartExecution; the execution name is the job id. */
public final class StepFunctionsStarter implements WorkflowStarter {
    private final SfnClient client;
    private final String stateMachineArn;

    public StepFunctionsStarter(SfnClient client, String stateMachineArn) {
        this.client = client;
        this.stateMachineArn = stateMachineArn;
    }

    @Override
    public void start(String name, String inputJson) {
        try {
            client.startExecution(b -> b.stateMachineArn(stateMachineArn).name(name).input(inputJson));
        } catch (ExecutionAlreadyExistsException sameJobAgain) {
            // the job was started before (a retried request): that execution carries on
        }
    }
}
