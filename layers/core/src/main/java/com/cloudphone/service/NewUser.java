package com.cloudphone.service;

import com.cloudphone.model.BusinessHours;
import com.cloudphone.model.UserKind;

/** A validated add-user request. Internal users carry a password; invited users an email. */
public record NewUser(UserKind kind, String username, String email, String password, String displayName,
                      String extension, String timezone, BusinessHours businessHours, boolean admin) {
}
