package com.cloudphone.model;

/**
 * A customer. {@code seatLimit} is an explicitly raised limit (TEAM only), null when the plan default applies.
 * {@code seatsUsed} counts active members, the owner included.
 */
public record Account(String accountId, String name, Plan plan, boolean paid, Integer seatLimit,
                      int seatsUsed, String parentAccountId, String createdAt) {

    public int seats() {
        return plan.seats(seatLimit);
    }
}
