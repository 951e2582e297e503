package com.cloudphone.handler;

import static com.cloudphone.http.Input.Presence.REQUIRED;

import com.cloudphone.Backend;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Input;
import com.cloudphone.http.NumberRequests;
import com.cloudphone.http.Reply;
import java.util.Set;

/** assign-number: {@code PUT /numbers/{number}/assignee}. Assigns or reassigns a number; contacts follow it. */
public class AssignNumberHandler extends HttpFunction {
    private final Backend backend;

    public AssignNumberHandler() {
        this(Backend.fromEnvironment());
    }

    public AssignNumberHandler(Backend backend) {
        super(backend.idempotency);
        this.backend = backend;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        String number = NumberRequests.pathNumber(request);
        Input in = request.input(Set.of("userId"));
        String userId = in.id("userId", REQUIRED);
        in.done();
        return Reply.ok(backend.numberService.assign(caller, number, userId));
    }
}
