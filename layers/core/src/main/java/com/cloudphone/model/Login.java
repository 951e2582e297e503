package com.cloudphone.model;

import java.time.Instant;

/**
 * Credentials of a person, shared by all their memberships. The hash never leaves the store layer's callers.
 * {@code invitationHash} is the SHA-256 of a pending invitation secret, null once accepted; the invitation works
 * until {@code invitationExpiresAt} (docs/rules.md rule 19).
 */
public record Login(String userId, String username, String email, String passwordHash,
                    int failedAttempts, String lockedUntil, String invitationHash, long passwordVersion,
                    Instant invitationExpiresAt) {

    /** A login with no pending invitation. */
    public Login(String userId, String username, String email, String passwordHash, int failedAttempts,
                 String lockedUntil, String invitationHash, long passwordVersion) {
        this(userId, username, email, passwordHash, failedAttempts, lockedUntil, invitationHash, passwordVersion, null);
    }

    /** Whether the pending invitation can no longer be accepted at {@code now}. */
    public boolean invitationExpired(Instant now) {
        return invitationExpiresAt != null && !now.isBefore(invitationExpiresAt);
    }
}
