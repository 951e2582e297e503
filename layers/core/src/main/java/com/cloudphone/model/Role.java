package com.cloudphone.model;

public enum Role {
    ADMIN, USER, AGENCY_ADMIN;

    public boolean isAdmin() {
        return this != USER;
    }

    /** AGENCY_ADMIN over ADMIN over USER (declaration order is not rank order). */
    public boolean outranks(Role other) {
        return rank() > other.rank();
    }

    private int rank() {
        return switch (this) {
            case USER -> 0;
            case ADMIN -> 1;
            case AGENCY_ADMIN -> 2;
        };
    }
}
