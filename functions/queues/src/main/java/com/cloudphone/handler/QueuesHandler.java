package com.cloudphone.handler;

import static com.cloudphone.http.Input.Presence.REQUIRED;

import com.cloudphone.Backend;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Idempotency;
import com.cloudphone.http.Input;
import com.cloudphone.http.Reply;
import com.cloudphone.model.Queue;
import com.cloudphone.service.QueueService;
import java.util.List;
import java.util.Set;

/** Queues: create, list (members by extension), and remove-from-queue. */
public class QueuesHandler extends HttpFunction {
    private final QueueService queues;

    public QueuesHandler() {
        this(Backend.fromEnvironment());
    }

    public QueuesHandler(Backend backend) {
        this(backend.idempotency, backend.queues);
    }

    /** What it uses, and nothing else. */
    public QueuesHandler(Idempotency idempotency, QueueService queues) {
        super(idempotency);
        this.queues = queues;
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
                yield Reply.created(queues.create(caller, name, members));
            }
            case "GET /queues" -> Reply.page(queues.list(caller, request.page()));
            case "DELETE /queues/{queueId}/members/{userId}" ->
                    Reply.ok(queues.removeMember(caller, request.path("queueId"), request.path("userId")));
            default -> throw noRoute(request);
        };
    }
}
