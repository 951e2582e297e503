package com.cloudphone.model;

public enum Role {
    ADMIN, USER, AGENCY_ADMIN;

    public boolean isAdmin() {
        return this != USER;
    }
}
