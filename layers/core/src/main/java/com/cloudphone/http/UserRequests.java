package com.cloudphone.http;

import static com.cloudphone.http.Input.Presence.REQUIRED;
import static com.cloudphone.http.Input.Presence.OPTIONAL;

import com.cloudphone.model.BusinessHours;
import com.cloudphone.model.Change;
import com.cloudphone.model.Rules;
import com.cloudphone.model.UserKind;
import com.cloudphone.service.NewUser;
import com.cloudphone.service.UserPatch;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads and validates the user requests' bodies into the service's request records. */
public final class UserRequests {
    static final Set<String> NEW_USER_FIELDS = Set.of("kind", "username", "email", "password", "displayName",
            "extension", "timezone", "businessHours", "admin", "leadRouting");
    static final Set<String> PATCH_FIELDS = Set.of("displayName", "email", "extension", "timezone", "businessHours",
            "suspended", "admin", "password", "currentPassword", "leadRouting");

    private UserRequests() {
    }

    public static NewUser newUser(ApiRequest request) {
        Input in = request.input(NEW_USER_FIELDS);
        UserKind kind = in.choice("kind", UserKind.class, REQUIRED);
        String username = username(in, "username", Input.Presence.requiredIf(kind == UserKind.INTERNAL));
        String email = email(in, Input.Presence.requiredIf(kind == UserKind.INVITED));
        String password = in.exact("password", Input.Presence.requiredIf(kind == UserKind.INTERNAL));
        if (kind == UserKind.INTERNAL && password != null) {
            in.problems(Rules.passwordProblems("password", password));
        }
        if (kind == UserKind.INVITED && password != null) {
            in.problem("password", "invited users choose their own password");
        }
        String displayName = in.name("displayName", REQUIRED, 100);
        String extension = extension(in);
        String timezone = timezone(in);
        BusinessHours hours = businessHours(in);
        Boolean admin = in.bool("admin");
        Boolean leadRouting = in.bool("leadRouting");
        in.done();
        return new NewUser(kind, username, email, password, displayName, extension, timezone, hours,
                Boolean.TRUE.equals(admin), Boolean.TRUE.equals(leadRouting));
    }

    /** A username field: 3-64 letters, digits, dots, dashes or underscores (a problem on {@code field} otherwise). */
    public static String username(Input in, String field, Input.Presence presence) {
        String username = in.text(field, presence, 64);
        if (username != null && !Rules.isUsername(username)) {
            in.problem(field, "must be 3-64 letters, digits, dots, dashes or underscores");
        }
        return username;
    }

    public static UserPatch patch(ApiRequest request) {
        Input in = request.input(PATCH_FIELDS).allowingNull("email", "extension", "businessHours");
        UserPatch patch = UserPatch.NONE;
        if (in.has("displayName")) patch = patch.withDisplayName(in.name("displayName", REQUIRED, 100));
        if (in.has("email")) patch = patch.withEmail(Change.to(email(in, OPTIONAL)));
        if (in.has("extension")) patch = patch.withExtension(Change.to(extension(in)));
        String timezone = in.has("timezone") ? timezone(in) : null;
        if (timezone != null) patch = patch.withTimezone(timezone);
        if (in.has("timezone") && timezone == null && in.ok("timezone")) {
            in.problem("timezone", "cannot be cleared");
        }
        if (in.has("businessHours")) patch = patch.withBusinessHours(Change.to(businessHours(in)));
        Boolean suspended = in.bool("suspended");
        if (suspended != null) patch = patch.withSuspended(suspended);
        Boolean admin = in.bool("admin");
        if (admin != null) patch = patch.withAdmin(admin);
        String password = in.exact("password", OPTIONAL);
        if (password != null) {
            in.problems(Rules.passwordProblems("password", password));
        }
        patch = patch.withPassword(password, in.exact("currentPassword", OPTIONAL));
        Boolean leadRouting = in.bool("leadRouting");
        if (leadRouting != null) patch = patch.withLeadRouting(leadRouting);
        in.done();
        return patch;
    }

    private static String email(Input in, Input.Presence presence) {
        String email = in.text("email", presence, 254);
        String problem = email == null ? null : Rules.emailProblem(email);
        if (problem != null) {
            in.problem("email", problem);
            return null;
        }
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }

    private static String extension(Input in) {
        String extension = in.text("extension", OPTIONAL, 6);
        boolean blank = in.value("extension") instanceof String sent && sent.isBlank();
        if (blank || extension != null && !Rules.isExtension(extension)) {
            in.problem("extension", "must be 2 to 6 digits");
            return null;
        }
        return extension;
    }

    private static String timezone(Input in) {
        String timezone = in.text("timezone", OPTIONAL, 64);
        if (timezone != null && !Rules.isTimezone(timezone)) {
            in.problem("timezone", "must be an IANA time zone such as Europe/London");
            return null;
        }
        return timezone;
    }

    /** {@code {"MONDAY": {"open": "09:00", "close": "17:00"}, ...}}; days left out are closed. */
    private static BusinessHours businessHours(Input in) {
        Object node = in.value("businessHours");
        if (node == null) {
            return null;
        }
        if (!(node instanceof Map<?, ?> week)) {
            in.problem("businessHours", "must be an object keyed by weekday");
            return null;
        }
        Map<DayOfWeek, BusinessHours.Span> days = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<?, ?> entry : week.entrySet()) {
            String field = "businessHours." + entry.getKey();
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf((String) entry.getKey());
            } catch (IllegalArgumentException e) {
                in.problem(field, "is not a weekday (MONDAY..SUNDAY)");
                continue;
            }
            if (days.containsKey(day)) {
                in.problem(field, "names " + day + " again: each weekday once");
                continue;
            }
            Map<?, ?> span = entry.getValue() instanceof Map<?, ?> m ? m : Map.of();
            for (Object key : span.keySet()) {
                if (!"open".equals(key) && !"close".equals(key)) {
                    in.problem(field + "." + key, "is not a field of a day's hours (open, close)");
                }
            }
            try {
                if (!(span.get("open") instanceof String open) || !(span.get("close") instanceof String close)) {
                    throw new DateTimeParseException("missing", "", 0);
                }
                days.put(day, new BusinessHours.Span(LocalTime.parse(open), LocalTime.parse(close)));
            } catch (DateTimeParseException e) {
                in.problem(field, "needs open and close times as HH:mm");
            } catch (IllegalArgumentException e) {
                in.problem(field, "open must be before close");
            }
        }
        return new BusinessHours(days);
    }
}
