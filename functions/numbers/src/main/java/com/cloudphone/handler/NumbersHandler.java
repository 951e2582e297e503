package com.cloudphone.handler;

import static com.cloudphone.http.Input.Presence.REQUIRED;

import com.cloudphone.Backend;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Idempotency;
import com.cloudphone.http.Input;
import com.cloudphone.http.NumberRequests;
import com.cloudphone.http.Reply;
import com.cloudphone.model.NumberState;
import com.cloudphone.service.NumberService;
import java.util.Set;

/** Numbers of the account: add one, list them, and add contacts to one. */
public class NumbersHandler extends HttpFunction {
    private final NumberService numberService;

    public NumbersHandler() {
        this(Backend.fromEnvironment());
    }

    public NumbersHandler(Backend backend) {
        this(backend.idempotency, backend.numberService);
    }

    /** What it uses, and nothing else. */
    public NumbersHandler(Idempotency idempotency, NumberService numberService) {
        super(idempotency);
        this.numberService = numberService;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        return switch (request.routeKey()) {
            case "POST /numbers" -> {
                Input in = request.input(Set.of("number"));
                String number = NumberRequests.number(in, "number");
                in.done();
                yield Reply.created(numberService.add(caller, number));
            }
            case "GET /numbers" -> {
                NumberState state = NumberRequests.state(request);
                yield Reply.page(numberService.list(caller, state, request.page()));
            }
            case "POST /numbers/{number}/contacts" -> {
                String number = NumberRequests.pathNumber(request);
                Input in = request.input(Set.of("name", "phone"));
                String name = in.name("name", REQUIRED, 100);
                String phone = NumberRequests.number(in, "phone");
                in.done();
                yield Reply.created(numberService.addContact(caller, number, name, phone));
            }
            default -> throw noRoute(request);
        };
    }
}
