package com.cloudphone.model;

import java.util.List;

/** One saved version of a callflow: a direct line's user, or a group's dial list. */
public record CallflowVersion(int version, CallflowStatus status, String userId, List<String> dialUserIds,
                              String createdAt) {
    public CallflowVersion {
        dialUserIds = dialUserIds == null ? List.of() : List.copyOf(dialUserIds);
    }

    public boolean names(String someUserId) {
        return someUserId.equals(userId) || dialUserIds.contains(someUserId);
    }

    public CallflowVersion withStatus(CallflowStatus newStatus) {
        return new CallflowVersion(version, newStatus, userId, dialUserIds, createdAt);
    }
}
