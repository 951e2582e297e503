package com.cloudphone.service;

import com.cloudphone.model.BusinessHours;
import com.cloudphone.model.Change;

/**
 * A validated partial update of a member: each field is kept, cleared or set ({@link Change}; a flag or a secret
 * left null is kept). Built from {@link #NONE} with the {@code with...} methods.
 */
public record UserPatch(Change<String> displayName, Change<String> email, Change<String> extension,
                        Change<String> timezone, Change<BusinessHours> businessHours, Boolean suspended,
                        Boolean admin, String password, String currentPassword, Boolean leadRouting) {
    public static final UserPatch NONE = new UserPatch(Change.keep(), Change.keep(), Change.keep(), Change.keep(),
            Change.keep(), null, null, null, null, null);

    public UserPatch withDisplayName(String value) {
        return new UserPatch(Change.to(value), email, extension, timezone, businessHours, suspended, admin, password,
                currentPassword, leadRouting);
    }

    public UserPatch withEmail(Change<String> change) {
        return new UserPatch(displayName, change, extension, timezone, businessHours, suspended, admin, password,
                currentPassword, leadRouting);
    }

    public UserPatch withExtension(Change<String> change) {
        return new UserPatch(displayName, email, change, timezone, businessHours, suspended, admin, password,
                currentPassword, leadRouting);
    }

    public UserPatch withTimezone(String value) {
        return new UserPatch(displayName, email, extension, Change.to(value), businessHours, suspended, admin, password,
                currentPassword, leadRouting);
    }

    public UserPatch withBusinessHours(Change<BusinessHours> change) {
        return new UserPatch(displayName, email, extension, timezone, change, suspended, admin, password,
                currentPassword, leadRouting);
    }

    public UserPatch withSuspended(boolean value) {
        return new UserPatch(displayName, email, extension, timezone, businessHours, value, admin, password,
                currentPassword, leadRouting);
    }

    public UserPatch withAdmin(boolean value) {
        return new UserPatch(displayName, email, extension, timezone, businessHours, suspended, value, password,
                currentPassword, leadRouting);
    }

    /** A new password, with the current one when the login changes its own. */
    public UserPatch withPassword(String newPassword, String current) {
        return new UserPatch(displayName, email, extension, timezone, businessHours, suspended, admin, newPassword,
                current, leadRouting);
    }

    public UserPatch withLeadRouting(boolean value) {
        return new UserPatch(displayName, email, extension, timezone, businessHours, suspended, admin, password,
                currentPassword, value);
    }
}
