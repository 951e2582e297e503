package com.cloudphone.handler;

import static com.cloudphone.http.Input.Presence.REQUIRED;

import com.cloudphone.Backend;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Input;
import com.cloudphone.model.Queue;
import com.cloudphone.http.Reply;
import java.util.List;
import java.util.Set;

/** Queues: create, list (members by extension), and remove-from-queue. */
public class QueuesHandler extends HttpFunction {
    private final Backend backend;

    public QueuesHandler() {
        this(Backend.fromEnvironment());
    }

    public QueuesHandler(Backend backend) {
        super(backend.idempotency);
        this.backend = backend;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        return switch (request.routeKey()) {
            case "POST /queues" -> {
                Input in = request.input(Set.of("name", "memberUserIds"));
                String name = in.name("name", REQUIRED, 100);
                List<String> members = in.ids("memberUserIds", Queue.MAX_MEMBERS);
                in.done();
                yield Reply.created(backend.queues.create(caller, name, members));
            }
            case "GET /queues" -> Reply.page(backend.queues.list(caller, request.page()));
            case "DELETE /queues/{queueId}/members/{userId}" ->
                    Reply.ok(backend.queues.removeMember(caller, request.path("queueId"), request.path("userId")));
            default -> throw noRoute(request);
        };
    }
}
