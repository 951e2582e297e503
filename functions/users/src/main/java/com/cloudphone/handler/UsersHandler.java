package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Reply;
import com.cloudphone.http.UserRequests;
import java.util.Map;

/** Reading and editing users: list, one user, settings/suspend/admin access, and a user's contacts. */
public class UsersHandler extends HttpFunction {
    private final Backend backend;

    public UsersHandler() {
        this(Backend.fromEnvironment());
    }

    public UsersHandler(Backend backend) {
        this.backend = backend;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        return switch (request.routeKey()) {
            case "GET /users" -> Reply.ok(Map.of("users", backend.users.list(caller)));
            case "GET /users/{userId}" -> Reply.ok(backend.users.get(caller, request.path("userId")));
            case "PATCH /users/{userId}" ->
                    Reply.ok(backend.users.patch(caller, request.path("userId"), UserRequests.patch(request)));
            case "GET /users/{userId}/contacts" ->
                    Reply.ok(Map.of("contacts", backend.numberService.contactsOf(caller, request.path("userId"))));
            default -> throw noRoute(request);
        };
    }
}
