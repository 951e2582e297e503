package com.cloudphone.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.cloudphone.Backend;
import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.json.Json;
import com.cloudphone.model.CallflowKind;
import com.cloudphone.model.DeviceKind;
import com.cloudphone.model.Plan;
import com.cloudphone.model.UserKind;
import com.cloudphone.service.Caller;
import com.cloudphone.service.NewUser;
import com.cloudphone.service.Tokens;
import com.cloudphone.store.Table;
import com.cloudphone.testing.Faults;
import com.cloudphone.testing.LocalDynamo;
import com.cloudphone.testing.TableState;
import com.cloudphone.testing.TestBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A create sent with an Idempotency-Key whose answer is lost (the write reached the table, the client timed out,
 * or the process died between two calls) and sent again with the same key: the retry answers 201 with the thing
 * the first attempt made, and there is exactly one of it, with one event. Each create route, under each fault at
 * each of its calls in turn (n = 1, 2, ... until the request completes without the fault firing).
 */
class IdempotentRetryTest {
    /** A create route: what it does, the sort-key prefix of what it makes, its id field and its event. */
    record Route(String name, String path, String body, String skPrefix, String idField, String event,
                 Function<World, Object> create) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final class World {
        final TestBackend t = new TestBackend();
        final Faults faults = new Faults();
        final Backend faulty;
        final Caller admin;
        final String userId;
        final String number = "+14155550100";
        /** What an execution's first step would read when the request starts it. */
        java.util.function.Consumer<String> onStart = name -> { };

        World() {
            faulty = new Backend(new Table(LocalDynamo.clientWith(faults), t.backend.table.name()), t.backend.tokens(),
                    t.bus, t.clock, 4, (name, input) -> onStart.accept(name));
            admin = t.account(Plan.TEAM, true, "retry-owner", "Owner-pass-1");
            userId = t.backend.users.add(admin, new NewUser(UserKind.INTERNAL, "retry-agent", null, "Welcome-2026",
                    "Agent", "201", "Europe/London", null, false)).userId();
            t.backend.numberService.add(admin, number);
        }
    }

    static Stream<Arguments> cases() {
        List<Route> routes = List.of(
                new Route("queue", "/queues", "{\"name\":\"Sales\"}", "QUEUE#", "queueId", "QueueCreated",
                        w -> w.faulty.queues.create(w.admin, "Sales", List.of(w.userId))),
                new Route("device", "/users/u/devices", "{\"kind\":\"SOFTPHONE\"}", "DEVICE#", "deviceId", "DeviceLoggedIn",
                        w -> w.faulty.devices.logIn(w.admin, w.userId, DeviceKind.SOFTPHONE, "Laptop")),
                new Route("callflow", "/callflows", "{\"name\":\"Main\"}", "CALLFLOW#", "callflowId", "CallflowCreated",
                        w -> w.faulty.callflows.create(w.admin, "Main", CallflowKind.DIRECT, List.of(w.number), w.userId,
                                List.of())),
                new Route("contact", "/numbers/n/contacts", "{\"name\":\"Lead\"}", "CONTACT#", "contactId", "ContactAdded",
                        w -> w.faulty.numberService.addContact(w.admin, w.number, "Lead", "+14150001234")),
                new Route("call", "/calls", "{\"to\":\"+14150001234\"}", "CALL#", "callId", null,
                        w -> w.faulty.calls.record(w.admin, "+14150001234", w.number, w.userId, 30,
                                w.t.clock.instant().toString())),
                new Route("user", "/users", "{\"kind\":\"INVITED\"}", "USER#", "userId", "UserAdded",
                        w -> w.faulty.users.add(w.admin, new NewUser(UserKind.INVITED, null, "new@example.com", null,
                                "New person", null, "Europe/London", null, false))));
        List<Arguments> out = new ArrayList<>();
        for (Route r : routes) {
            for (Faults.Kind k : List.of(Faults.Kind.TIMEOUT_AFTER_WRITE, Faults.Kind.CRASH)) out.add(Arguments.of(r, k));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} under {1}")
    @MethodSource("cases")
    void aRetryWithTheSameKeyAnswersWhatTheFirstAttemptMade(Route route, Faults.Kind fault) {
        for (int n = 1; ; n++) {
            World w = new World();
            long before = count(w, route.skPrefix());
            long eventsBefore = events(w, route.event());
            String key = "retry-" + route.name() + "-" + n;
            w.faults.arm(fault, n, fault == Faults.Kind.CRASH ? 1000 : 1);
            String firstId = null;
            try {
                firstId = id(send(w, route, key), route);
            } catch (RuntimeException lost) {
                assertTrue(Faults.injected(lost), "n=" + n + ": " + lost);
            }
            boolean fired = w.faults.fired() > 0;
            w.faults.disarm();
            String retriedId = id(retry(w, route, key), route);
            String where = route + " under " + fault + " at call " + n;
            assertEquals(1, count(w, route.skPrefix()) - before, "exactly one made, " + where);
            if (route.event() != null) {
                assertEquals(1, events(w, route.event()) - eventsBefore, "exactly one " + route.event() + ", " + where);
            }
            if (firstId != null) assertEquals(firstId, retriedId, "the retry replays the first answer, " + where);
            if (!fired) return; // past the request's last call: it completed untouched
        }
    }

    /**
     * A keyed request holds its last change back for the answer; a workflow it starts must still find that change:
     * DELETE /users starts the purge execution, whose first step reads the removed member.
     */
    @org.junit.jupiter.api.Test
    void aWorkflowStartedByAKeyedRequestFindsTheChangeCommitted() {
        World w = new World();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        // read with a client of its own, as the execution would (the table's client sends a held change first)
        w.onStart = name -> {
            var item = LocalDynamo.client().getItem(b -> b.tableName(w.t.backend.table.name()).consistentRead(true)
                    .key(Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("ACCOUNT#" + w.admin.accountId()),
                            "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("USER#" + w.userId)))).item();
            seen.add(TableState.s(item, "status"));
        };
        Reply reply = send(w, "/users/" + w.userId, null, "delete-with-a-key",
                () -> Reply.created(w.faulty.offboarding.deleteNow(w.admin, w.userId)));
        assertEquals(201, reply.status());
        assertEquals(List.of("REMOVED"), seen, "the member as the purge execution's first step would read it");
    }

    /** The same request again, as a client would after a timeout: once more if the first still holds the key. */
    private static Reply retry(World w, Route route, String key) {
        try {
            return send(w, route, key);
        } catch (ApiException running) {
            assertEquals(ErrorCode.CONFLICT, running.code(), running.getMessage());
            // an attempt that died says nothing: its claim counts as running until its lease is over
            w.t.clock.advance(Duration.ofSeconds(31));
            return send(w, route, key);
        }
    }

    private static Reply send(World w, Route route, String key) {
        return send(w, route.path(), route.body(), key, () -> Reply.created(route.create().apply(w)));
    }

    /** A POST of {@code path} with {@code key}, through the backend's Idempotency, handled by {@code handling}. */
    private static Reply send(World w, String path, String body, String key, java.util.function.Supplier<Reply> handling) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("POST " + path);
        event.setRawPath(path);
        event.setBody(body);
        event.setHeaders(Map.of("idempotency-key", key));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        http.setPath(path);
        context.setHttp(http);
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        long iat = w.t.clock.millis();
        jwt.setClaims(Map.of("sub", w.admin.userId(), "accountId", w.admin.accountId(), "role", "ADMIN",
                "iat", Long.toString(iat / 1000), Tokens.ISSUED_AT_MS, Long.toString(iat)));
        authorizer.setJwt(jwt);
        context.setAuthorizer(authorizer);
        event.setRequestContext(context);
        return w.faulty.idempotency.run(new ApiRequest(event), handling);
    }

    private static String id(Reply reply, Route route) {
        assertEquals(201, reply.status());
        String json = reply.body() instanceof Idempotency.Replayed replayed ? replayed.json() : Json.write(reply.body());
        return String.valueOf(Json.parseObject(json).get(route.idField()));
    }

    private static long count(World w, String skPrefix) {
        return TableState.read(w.t.backend.table).items.values().stream()
                .filter(i -> TableState.s(i, "pk").startsWith("ACCOUNT#") && TableState.s(i, "sk").startsWith(skPrefix))
                .count();
    }

    private static long events(World w, String type) {
        if (type == null) return 0;
        return TableState.read(w.t.backend.table).events().stream().filter(e -> type.equals(TableState.s(e, "type"))).count();
    }
}
