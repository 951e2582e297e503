package com.cloudphone.http;

import static com.cloudphone.http.Input.Presence.REQUIRED;

import com.cloudphone.error.ApiException;
import com.cloudphone.model.NumberState;
import com.cloudphone.model.Rules;
import java.util.Locale;

/** Reading phone numbers and number states from requests. */
public final class NumberRequests {
    private NumberRequests() {
    }

    /** A body field holding an E.164 number, such as +14155550100. */
    public static String number(Input in, String field) {
        String number = in.exact(field, REQUIRED);
        if (number != null && !Rules.isE164(number)) {
            in.problem(field, "must be an E.164 number such as +14155550100");
            return null;
        }
        return number;
    }

    /** The {number} path segment, URL-encoded E.164 ({@code %2B14155550100}). */
    public static String pathNumber(ApiRequest request) {
        String number = request.path("number");
        if (!Rules.isE164(number)) {
            throw ApiException.invalid("number", "must be a URL-encoded E.164 number such as %2B14155550100");
        }
        return number;
    }

    public static NumberState state(ApiRequest request) {
        String state = request.query("state").orElse(null);
        if (state == null) {
            return null;
        }
        try {
            return NumberState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("state", "must be one of ASSIGNED, AVAILABLE, RELEASED");
        }
    }
}
