package com.cloudphone.model;

/**
 * One call of the account's history. It outlives the user: purge replaces the user's details with
 * {@code userLabel} and drops userId, name and extension.
 */
public record Call(String accountId, String callId, String from, String to, String userId, String userName,
                   String extension, int durationSeconds, String startedAt, String userLabel) {
}
