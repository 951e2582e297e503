package com.cloudphone.model;

import java.util.Map;

/**
 * An asynchronous offboarding: its plan, where it is, what each step did and, when it failed, why. Plan, step
 * results and error are JSON documents, kept as text.
 */
public record Job(String accountId, String jobId, String userId, JobStatus status, String currentStep,
                  String planJson, Map<String, String> stepsJson, String errorJson, String createdAt,
                  String updatedAt) {
    public Job {
        stepsJson = stepsJson == null ? Map.of() : Map.copyOf(stepsJson);
    }
}
