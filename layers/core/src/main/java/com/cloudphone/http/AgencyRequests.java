package com.cloudphone.http;

import com.cloudphone.model.Ids;
import com.cloudphone.model.Role;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads {@code {"roles": {"<subAccountId>": "ADMIN" | "USER", ...}}}, naming every bad entry. */
public final class AgencyRequests {
    /** Each sub-account is one transaction of its own: the bound keeps one request's work reasonable. */
    static final int MAX_ACCOUNTS = 200;

    private AgencyRequests() {
    }

    public static Map<String, Role> roles(ApiRequest request) {
        Input in = request.input(Set.of("roles"));
        Map<String, Role> roles = new TreeMap<>();
        Object value = in.value("roles");
        if (!(value instanceof Map<?, ?> entries)) {
            in.problem("roles", "is required: an object of sub-account id to ADMIN or USER ({} leaves them all)");
        } else {
            if (entries.size() > MAX_ACCOUNTS) {
                in.problem("roles", "must name at most " + MAX_ACCOUNTS + " sub-accounts");
                entries = Map.of();
            }
            entries.forEach((accountId, role) -> {
                String field = "roles." + accountId;
                if (!Ids.isId((String) accountId)) {
                    in.problem("roles", "every key (a sub-account id) " + Ids.FORMAT);
                } else if (!(role instanceof String name)) {
                    in.problem(field, "must be ADMIN or USER");
                } else if (name.equals("ADMIN")) {
                    roles.put((String) accountId, Role.ADMIN);
                } else if (name.equals("USER")) {
                    roles.put((String) accountId, Role.USER);
                } else {
                    in.problem(field, "must be ADMIN or USER");
                }
            });
        }
        in.done();
        return roles;
    }
}
