package com.cloudphone.handler;

import static com.cloudphone.http.Input.Presence.REQUIRED;

import com.cloudphone.Backend;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Input;
import com.cloudphone.http.NumberRequests;
import com.cloudphone.http.Reply;
import com.cloudphone.model.NumberState;
import java.util.Set;

/** Numbers of the account: add one, list them, and add contacts to one. */
public class NumbersHandler extends HttpFunction {
    private final Backend backend;

    public NumbersHandler() {
        this(Backend.fromEnvironment());
    }

    public NumbersHandler(Backend backend) {
        super(backend.idempotency);
        this.backend = backend;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        return switch (request.routeKey()) {
            case "POST /numbers" -> {
                Input in = request.input(Set.of("number"));
                String number = NumberRequests.number(in, "number");
                in.done();
                yield Reply.created(backend.numberService.add(caller, number));
            }
            case "GET /numbers" -> {
                NumberState state = NumberRequests.state(request);
                yield Reply.page(backend.numberService.list(caller, state, request.page()));
            }
            case "POST /numbers/{number}/contacts" -> {
                String number = NumberRequests.pathNumber(request);
                Input in = request.input(Set.of("name", "phone"));
                String name = in.name("name", REQUIRED, 100);
                String phone = NumberRequests.number(in, "phone");
                in.done();
                yield Reply.created(backend.numberService.addContact(caller, number, name, phone));
            }
            default -> throw noRoute(request);
        };
    }
}
