package com.cloudphone.model;

/**
 * Credentials of a person, shared by all their memberships. The hash never leaves the store layer's callers.
 * {@code invitationHash} is the SHA-256 of a pending invitation secret, null once accepted.
 */
public record Login(String userId, String username, String email, String passwordHash,
                    int failedAttempts, String lockedUntil, String invitationHash, long passwordVersion) {
}
