package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.http.AgencyRequests;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Idempotency;
import com.cloudphone.http.Reply;
import com.cloudphone.service.AgencyService;

/** Agency-wide user management (docs/rules.md rules 11.3 and 11.5): a login's roles across sub-accounts, and removal from them all. */
public class AgencyHandler extends HttpFunction {
    private final AgencyService agency;

    public AgencyHandler() {
        this(Backend.fromEnvironment());
    }

    public AgencyHandler(Backend backend) {
        this(backend.idempotency, backend.agency);
    }

    /** What it uses, and nothing else. */
    public AgencyHandler(Idempotency idempotency, AgencyService agency) {
        super(idempotency);
        this.agency = agency;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        return switch (request.routeKey()) {
            case "GET /agency/users" -> Reply.ok(agency.users(caller));
            case "GET /agency/users/{userId}/roles" -> Reply.ok(agency.roles(caller, request.path("userId")));
            case "PUT /agency/users/{userId}/roles" -> {
                String userId = request.path("userId");
                yield Reply.ok(agency.setRoles(caller, userId, AgencyRequests.roles(request)));
            }
            case "DELETE /agency/users/{userId}" ->
                    new Reply(202, agency.removeEverywhere(caller, request.path("userId")));
            default -> throw noRoute(request);
        };
    }
}
