package com.cloudphone.model;

/** A user logged in on a softphone app or a desk phone. */
public record DeviceSession(String accountId, String userId, String deviceId, DeviceKind kind, String name,
                            String loggedInAt) {
}
