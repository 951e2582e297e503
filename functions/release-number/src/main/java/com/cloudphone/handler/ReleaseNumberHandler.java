package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Idempotency;
import com.cloudphone.http.Input;
import com.cloudphone.http.NumberRequests;
import com.cloudphone.http.Reply;
import com.cloudphone.service.NumberService;
import java.util.Set;

/** release-number: release (out of service, contacts to an heir) or recycle (back to AVAILABLE) a number. */
public class ReleaseNumberHandler extends HttpFunction {
    private final NumberService numberService;

    public ReleaseNumberHandler() {
        this(Backend.fromEnvironment());
    }

    public ReleaseNumberHandler(Backend backend) {
        this(backend.idempotency, backend.numberService);
    }

    /** What it uses, and nothing else. */
    public ReleaseNumberHandler(Idempotency idempotency, NumberService numberService) {
        super(idempotency);
        this.numberService = numberService;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        String number = NumberRequests.pathNumber(request);
        return switch (request.routeKey()) {
            case "POST /numbers/{number}/release" -> {
                Input in = request.input(Set.of("contactsHeir"));
                String heir = NumberRequests.number(in, "contactsHeir");
                in.done();
                yield Reply.ok(numberService.release(caller, number, heir));
            }
            case "POST /numbers/{number}/recycle" -> Reply.ok(numberService.recycle(caller, number));
            default -> throw noRoute(request);
        };
    }
}
