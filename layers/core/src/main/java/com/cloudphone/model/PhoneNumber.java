package com.cloudphone.model;

/**
 * A phone number owned by an account. {@code assigneeUserId} is set only while ASSIGNED; {@code callflowId} names
 * the callflow that routes it, if any.
 */
public record PhoneNumber(String accountId, String number, NumberState state, String assigneeUserId,
                          String callflowId, String updatedAt) {
}
