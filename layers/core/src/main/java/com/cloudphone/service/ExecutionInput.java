package com.cloudphone.service;

import com.cloudphone.json.Json;
import com.cloudphone.model.OffboardingPlan;
import java.util.List;

/**
 * The input of an execution of the state machine (statemachine/offboarding.asl.json reads these names as
 * {@code $.mode}, {@code $.jobId}, ...; ExecutionInputTest holds the file to them). Written with {@link Json}:
 * components in order, a null one left out.
 */
public sealed interface ExecutionInput {
    String mode();

    /** An admin's offboarding: every step of the plan, then the delete and the purge after its window. */
    record Offboard(String mode, String jobId, String accountId, String userId, Steps plan) implements ExecutionInput {
        public Offboard(String jobId, String accountId, String userId, OffboardingPlan plan) {
            this("OFFBOARD", jobId, accountId, userId, new Steps(plan.removeFromAllQueues() ? "REMOVE_ALL" : "KEEP",
                    plan.callflows(), plan.numbers()));
        }
    }

    /** What the offboarding's Map states iterate over. */
    record Steps(String queues, List<OffboardingPlan.CallflowAction> callflows, List<OffboardingPlan.NumberAction> numbers) {
        public Steps {
            callflows = List.copyOf(callflows);
            numbers = List.copyOf(numbers);
        }
    }

    /**
     * A member removed at once (a delete, a closure): only the wait for the purge window and the purge. There is no
     * job: {@code jobId} is an explicit JSON null ({@link Json#NULL}), because PurgeData and RecordFailure read
     * {@code $.jobId} and a path missing from the input fails the execution.
     */
    record PurgeOnly(String mode, Object jobId, String accountId, String userId, Deletion deletion)
            implements ExecutionInput {
        public PurgeOnly(String accountId, String userId, String purgeAt) {
            this("PURGE_ONLY", Json.NULL, accountId, userId, new Deletion(purgeAt));
        }
    }

    /** When the purge is due (the Wait state's {@code TimestampPath}). */
    record Deletion(String purgeAt) {
    }

    /** A login out of every account of an agency, in {@code accounts}' order (sub-accounts first). */
    record AgencyRemoval(String mode, String jobId, String accountId, String userId, List<String> accounts)
            implements ExecutionInput {
        public AgencyRemoval(String jobId, String accountId, String userId, List<String> accounts) {
            this("AGENCY_REMOVAL", jobId, accountId, userId, List.copyOf(accounts));
        }
    }
}
