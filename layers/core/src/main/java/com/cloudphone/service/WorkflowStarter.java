package com.cloudphone.service;

/** Starts an offboarding execution: Step Functions in AWS, the local ASL runner on the local stack. */
public interface WorkflowStarter {
    /** {@code name} is unique per job, so a repeated start of the same job is refused by the service. */
    void start(String name, String inputJson);
}
