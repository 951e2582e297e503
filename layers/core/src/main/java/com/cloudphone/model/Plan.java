package com.cloudphone.model;

/** What an account pays for; decides how many seats it has by default. */
public enum Plan {
    FREE(1), SOLO(2), TEAM(25);

    private final int defaultSeats;

    Plan(int defaultSeats) {
        this.defaultSeats = defaultSeats;
    }

    /** Seats including the owner. TEAM accounts may have a raised limit on the account itself. */
    public int seats(Integer raisedLimit) {
        return this == TEAM && raisedLimit != null ? Math.max(raisedLimit, defaultSeats) : defaultSeats;
    }

    public boolean allowsLeadRouting() {
        return this == TEAM;
    }
}
