package com.cloudphone.service;

import com.cloudphone.model.BusinessHours;
import com.cloudphone.model.UserKind;

/**
 * A validated add-user request. Internal users carry a password; invited users an email. {@code leadRouting} puts
 * the user in the round-robin lead router and call broadcast (TEAM accounts only).
 */
public record NewUser(UserKind kind, String username, String email, String password, String displayName,
                      String extension, String timezone, BusinessHours businessHours, boolean admin,
                      boolean leadRouting) {

    public NewUser(UserKind kind, String username, String email, String password, String displayName,
                   String extension, String timezone, BusinessHours businessHours, boolean admin) {
        this(kind, username, email, password, displayName, extension, timezone, businessHours, admin, false);
    }
}
