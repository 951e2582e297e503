package com.cloudphone.handler;

import static com.cloudphone.http.Input.Presence.REQUIRED;

import com.cloudphone.Backend;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Idempotency;
import com.cloudphone.http.Input;
import com.cloudphone.http.NumberRequests;
import com.cloudphone.http.Reply;
import com.cloudphone.service.CallService;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** The call log: record a call, list calls (optionally one user's). History outlives users. */
public class CallsHandler extends HttpFunction {
    private final CallService calls;

    public CallsHandler() {
        this(Backend.fromEnvironment());
    }

    public CallsHandler(Backend backend) {
        this(backend.idempotency, backend.calls);
    }

    /** What it uses, and nothing else. */
    public CallsHandler(Idempotency idempotency, CallService calls) {
        super(idempotency);
        this.calls = calls;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        return switch (request.routeKey()) {
            case "POST /calls" -> {
                Input in = request.input(Set.of("from", "to", "userId", "durationSeconds", "startedAt"));
                String from = NumberRequests.number(in, "from");
                String to = NumberRequests.number(in, "to");
                String userId = in.id("userId", REQUIRED);
                Integer duration = in.integer("durationSeconds", 0, 86_400);
                if (duration == null && in.ok("durationSeconds")) {
                    in.problem("durationSeconds", "is required");
                }
                String startedAt = in.text("startedAt", REQUIRED, 40);
                if (startedAt != null) {
                    try {
                        startedAt = Instant.parse(startedAt).toString();
                    } catch (DateTimeParseException e) {
                        in.problem("startedAt", "must be an ISO-8601 instant such as 2026-11-24T09:00:00Z");
                    }
                }
                in.done();
                yield Reply.created(calls.record(caller, from, to, userId, duration, startedAt));
            }
            case "GET /calls" ->
                    Reply.page(calls.list(caller, request.idQuery("userId").orElse(null), request.page()));
            default -> throw noRoute(request);
        };
    }
}
