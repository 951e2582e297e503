package com.cloudphone.handler;

import static com.cloudphone.http.Input.Presence.REQUIRED;

import com.cloudphone.Backend;
import com.cloudphone.error.ApiException;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Idempotency;
import com.cloudphone.http.Input;
import com.cloudphone.http.Reply;
import com.cloudphone.model.Callflow;
import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.Rules;
import com.cloudphone.service.CallflowService;
import java.util.List;
import java.util.Set;

/** Versioned callflows: create, read, reassign-callflow, save a group version, delete versions and callflows. */
public class CallflowsHandler extends HttpFunction {
    private final CallflowService callflows;

    public CallflowsHandler() {
        this(Backend.fromEnvironment());
    }

    public CallflowsHandler(Backend backend) {
        this(backend.idempotency, backend.callflows);
    }

    /** What it uses, and nothing else. */
    public CallflowsHandler(Idempotency idempotency, CallflowService callflows) {
        super(idempotency);
        this.callflows = callflows;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        return switch (request.routeKey()) {
            case "POST /callflows" -> {
                Input in = request.input(Set.of("name", "kind", "numbers", "userId", "dialUserIds"));
                String name = in.name("name", REQUIRED, 100);
                CallflowKind kind = in.choice("kind", CallflowKind.class, REQUIRED);
                List<String> numbers = numbers(in);
                String userId = in.id("userId", Input.Presence.requiredIf(kind == CallflowKind.DIRECT));
                List<String> dial = in.ids("dialUserIds", Callflow.MAX_DIAL);
                if (kind != null) {
                    in.problems(kind.routingProblems(userId, dial, in.has("dialUserIds"), in.ok("dialUserIds")));
                }
                in.done();
                yield Reply.created(callflows.create(caller, name, kind, numbers, userId, dial));
            }
            case "GET /callflows" -> Reply.page(callflows.list(caller, request.page()));
            case "GET /callflows/{callflowId}" -> Reply.ok(callflows.view(caller, request.path("callflowId")));
            case "POST /callflows/{callflowId}/reassign" -> {
                Input in = request.input(Set.of("targetCallflowId"));
                String target = in.id("targetCallflowId", REQUIRED);
                in.done();
                yield Reply.ok(callflows.reassign(caller, request.path("callflowId"), target));
            }
            case "POST /callflows/{callflowId}/versions" -> {
                Input in = request.input(Set.of("dialUserIds"));
                List<String> dial = in.ids("dialUserIds", Callflow.MAX_DIAL);
                if (dial.isEmpty() && in.ok("dialUserIds")) {
                    in.problem("dialUserIds", "a group needs at least one user to dial");
                }
                in.done();
                yield Reply.created(callflows.newVersion(caller, request.path("callflowId"), dial));
            }
            case "DELETE /callflows/{callflowId}/versions/{version}" ->
                    Reply.ok(callflows.deleteVersion(caller, request.path("callflowId"), version(request)));
            case "DELETE /callflows/{callflowId}" -> {
                callflows.delete(caller, request.path("callflowId"));
                yield new Reply(204, null);
            }
            default -> throw noRoute(request);
        };
    }

    private static int version(ApiRequest request) {
        try {
            int version = Integer.parseInt(request.path("version"));
            if (version < 1) throw new NumberFormatException();
            return version;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("version", "must be a positive whole number");
        }
    }

    private static List<String> numbers(Input in) {
        List<String> numbers = in.strings("numbers", Callflow.MAX_NUMBERS);
        for (String n : numbers) {
            if (!Rules.isE164(n)) {
                in.problem("numbers", n + " is not an E.164 number");
            }
        }
        return numbers;
    }
}
