package com.cloudphone.handler;

import static com.cloudphone.http.Input.Presence.REQUIRED;

import com.cloudphone.Backend;
import com.cloudphone.Prime;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Idempotency;
import com.cloudphone.http.Input;
import com.cloudphone.http.Reply;
import com.cloudphone.http.UserRequests;
import com.cloudphone.model.DeviceKind;
import com.cloudphone.service.DeviceService;
import com.cloudphone.service.InvitationService;
import com.cloudphone.service.NumberService;
import com.cloudphone.service.UserService;
import java.util.Map;
import java.util.Set;

/** Reading and editing users: list, one user, settings/suspend/admin access, and a user's contacts. */
public class UsersHandler extends HttpFunction {
    private final UserService users;
    private final InvitationService invitations;
    private final NumberService numberService;
    private final DeviceService devices;

    /** A password change checks the current password and hashes the new one. */
    public static final Set<Prime> PRIMING = Set.of(Prime.TABLE_READ, Prime.JSON, Prime.PASSWORD_HASH);

    public UsersHandler() {
        this(Backend.fromEnvironment(PRIMING));
    }

    public UsersHandler(Backend backend) {
        this(backend.idempotency, backend.users, backend.invitations, backend.numberService, backend.devices);
    }

    /** What it uses, and nothing else. */
    public UsersHandler(Idempotency idempotency, UserService users, InvitationService invitations, NumberService numberService, DeviceService devices) {
        super(idempotency);
        this.users = users;
        this.invitations = invitations;
        this.numberService = numberService;
        this.devices = devices;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        return switch (request.routeKey()) {
            case "GET /me" -> Reply.ok(users.me(caller));
            case "GET /users" -> Reply.page(users.list(caller, request.page()));
            case "GET /users/{userId}" -> Reply.ok(users.get(caller, request.path("userId")));
            case "POST /users/{userId}/invitation" ->
                    Reply.ok(invitations.resend(caller, request.path("userId")));
            case "PATCH /users/{userId}" ->
                    Reply.ok(users.patch(caller, request.path("userId"), UserRequests.patch(request)));
            case "GET /users/{userId}/contacts" ->
                    Reply.ok(Map.of("contacts", numberService.contactsOf(caller, request.path("userId"))));
            case "GET /users/{userId}/devices" ->
                    Reply.ok(Map.of("devices", devices.list(caller, request.path("userId"))));
            case "POST /users/{userId}/devices" -> {
                Input in = request.input(Set.of("kind", "name"));
                DeviceKind kind = in.choice("kind", DeviceKind.class, REQUIRED);
                String name = in.name("name", REQUIRED, 100);
                in.done();
                yield Reply.created(devices.logIn(caller, request.path("userId"), kind, name));
            }
            case "DELETE /users/{userId}/devices/{deviceId}" -> {
                devices.logOut(caller, request.path("userId"), request.path("deviceId"));
                yield new Reply(204, null);
            }
            default -> throw noRoute(request);
        };
    }
}
