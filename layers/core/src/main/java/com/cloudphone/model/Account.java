package com.cloudphone.model;

/**
 * A customer. {@code seatLimit} is an explicitly raised limit (TEAM only), null when the plan default applies.
 * {@code seatsUsed} counts active members, the owner included. {@code closedAt} is set when billing closes it.
 */
public record Account(String accountId, String name, Plan plan, boolean paid, Integer seatLimit,
                      int seatsUsed, String parentAccountId, String createdAt, String closedAt) {

    /** Closed by billing: nobody signs in or acts on it any more. */
    public boolean closed() {
        return closedAt != null;
    }

    public int seats() {
        return plan.seats(seatLimit);
    }

    /** The account on {@code newPlan}, with that raised limit (or none) and paid or not, as billing sets them. */
    public Account withPlan(Plan newPlan, Integer newSeatLimit, boolean nowPaid) {
        return new Account(accountId, name, newPlan, nowPaid, newSeatLimit, seatsUsed, parentAccountId, createdAt,
                closedAt);
    }

    public Account withSeatsUsed(int used) {
        return new Account(accountId, name, plan, paid, seatLimit, used, parentAccountId, createdAt, closedAt);
    }

    public Account withClosedAt(String at) {
        return new Account(accountId, name, plan, paid, seatLimit, seatsUsed, parentAccountId, createdAt, at);
    }
}
