package com.cloudphone.model;

import java.util.List;
import java.util.Optional;

/** What an admin decided for each of a leaving user's dependencies, validated against their blockers. */
public record OffboardingPlan(boolean removeFromAllQueues, List<CallflowAction> callflows, List<NumberAction> numbers) {
    public OffboardingPlan {
        callflows = List.copyOf(callflows);
        numbers = List.copyOf(numbers);
    }

    public enum CallflowActionKind { MOVE_NUMBERS, DROP_FROM_GROUP }

    public enum NumberActionKind { REASSIGN, RECYCLE, RELEASE }

    public record CallflowAction(String callflowId, CallflowActionKind action, String targetCallflowId) {
    }

    public record NumberAction(String number, NumberActionKind action, String toUserId, String contactsHeir) {
    }

    public Optional<CallflowAction> callflow(String callflowId) {
        return callflows.stream().filter(c -> c.callflowId().equals(callflowId)).findFirst();
    }

    public Optional<NumberAction> number(String number) {
        return numbers.stream().filter(n -> n.number().equals(number)).findFirst();
    }
}
