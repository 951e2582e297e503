package com.cloudphone.service;

import com.cloudphone.model.BusinessHours;
import java.util.Optional;

/**
 * A validated partial update. A null field is left alone; an empty Optional clears a clearable field
 * (extension, email, business hours).
 */
public record UserPatch(String displayName, Optional<String> email, Optional<String> extension, String timezone,
                        Optional<BusinessHours> businessHours, Boolean suspended, Boolean admin,
                        String password, String currentPassword, Boolean leadRouting) {

    public UserPatch(String displayName, Optional<String> email, Optional<String> extension, String timezone,
                     Optional<BusinessHours> businessHours, Boolean suspended, Boolean admin, String password,
                     String currentPassword) {
        this(displayName, email, extension, timezone, businessHours, suspended, admin, password, currentPassword, null);
    }
}
