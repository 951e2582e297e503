package com.cloudphone.handler;

import static com.cloudphone.http.Input.Presence.REQUIRED;

import com.cloudphone.Backend;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Idempotency;
import com.cloudphone.http.Input;
import com.cloudphone.http.NumberRequests;
import com.cloudphone.http.Reply;
import com.cloudphone.service.NumberService;
import java.util.Set;

/** assign-number: {@code PUT /numbers/{number}/assignee}. Assigns or reassigns a number; contacts follow it. */
public class AssignNumberHandler extends HttpFunction {
    private final NumberService numberService;

    public AssignNumberHandler() {
        this(Backend.fromEnvironment());
    }

    public AssignNumberHandler(Backend backend) {
        this(backend.idempotency, backend.numberService);
    }

    /** What it uses, and nothing else. */
    public AssignNumberHandler(Idempotency idempotency, NumberService numberService) {
        super(idempotency);
        this.numberService = numberService;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        String number = NumberRequests.pathNumber(request);
        Input in = request.input(Set.of("userId"));
        String userId = in.id("userId", REQUIRED);
        in.done();
        return Reply.ok(numberService.assign(caller, number, userId));
    }
}
