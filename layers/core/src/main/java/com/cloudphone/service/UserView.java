package com.cloudphone.service;

import com.cloudphone.model.BusinessHours;
import com.cloudphone.model.Member;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the API shows of a member: settings and status, never credentials. */
public record UserView(String userId, String accountId, String kind, String role, boolean admin, String status,
                       String username, String email, String displayName, String extension, String timezone,
                       Map<String, Map<String, String>> businessHours, boolean suspended, boolean leadRouting,
                       String createdAt,
                       String invitationToken, String invitationExpiresAt) {

    public static UserView of(Member m) {
        return of(m, null, null);
    }

    /** An invited member with the secret of their invitation, shown once to the admin who made it. */
    public static UserView invited(Member m, String invitationToken, Instant expiresAt) {
        return of(m, invitationToken, expiresAt);
    }

    /** An invited member whose pending invitation works until {@code expiresAt}. */
    public static UserView pending(Member m, Instant expiresAt) {
        return of(m, null, expiresAt);
    }

    private static UserView of(Member m, String invitationToken, Instant expiresAt) {
        return new UserView(m.userId(), m.accountId(), m.kind().name(), m.role().name(), m.isAdmin(), m.status().name(),
                m.username(), m.email(), m.displayName(), m.extension(), m.timezone(), hours(m.businessHours()),
                m.suspended(), m.leadRouting(), m.createdAt(), invitationToken,
                expiresAt == null ? null : expiresAt.toString());
    }

    private static Map<String, Map<String, String>> hours(BusinessHours hours) {
        if (hours == null) {
            return null;
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        hours.days().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                out.put(e.getKey().name(), Map.of("open", e.getValue().open().toString(),
                        "close", e.getValue().close().toString())));
        return out;
    }
}
