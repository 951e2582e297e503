package com.cloudphone.service;

/**
 * Who is calling, from the verified token: the account always comes from here, never from a request body.
 * {@code issuedAt} is when the token was issued (epoch milliseconds), checked against the member's last password change.
 */
public record Caller(String userId, String accountId, String role, long issuedAt) {
    /** A caller inside the service (tests, tasks), not holding a token: nothing it holds can be stale. */
    public Caller(String userId, String accountId, String role) {
        this(userId, accountId, role, Long.MAX_VALUE);
    }
}
