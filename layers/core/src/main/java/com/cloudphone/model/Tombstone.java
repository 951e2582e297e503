package com.cloudphone.model;

/** What remains of a removed member: when, and when their personal data is (or was) purged. */
public record Tombstone(String accountId, String userId, String removedAt, String purgeAt, String purgedAt,
                        String label) {
    public boolean purged() {
        return purgedAt != null;
    }
}
