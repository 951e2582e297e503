package com.cloudphone.model;

/** A phone number owned by an account. {@code assigneeUserId} is set only while ASSIGNED. */
public record PhoneNumber(String accountId, String number, NumberState state, String assigneeUserId,
                          String updatedAt) {
}
