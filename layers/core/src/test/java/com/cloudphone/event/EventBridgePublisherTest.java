package com.cloudphone.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudphone.model.DomainEvent;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

class EventBridgePublisherTest {
    private final List<PutEventsRequest> sent = new ArrayList<>();
    private final AtomicInteger built = new AtomicInteger();

    /** An EventBridge client that records PutEvents and answers with {@code failed} failed entries. */
    private EventBridgeClient client(int failed) {
        return client(failed > 0 ? 0 : -1, 0);
    }

    /**
     * Records PutEvents and answers entry by entry, as EventBridge does; in call {@code refusingCall} (from 0) the
     * entry at {@code refusedEntry} is refused.
     */
    private EventBridgeClient client(int refusingCall, int refusedEntry) {
        return (EventBridgeClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{EventBridgeClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putEvents") && args[0] instanceof PutEventsRequest request) {
                        boolean refusing = sent.size() == refusingCall;
                        sent.add(request);
                        List<PutEventsResultEntry> results = new ArrayList<>();
                        for (int i = 0; i < request.entries().size(); i++) {
                            results.add(refusing && i == refusedEntry
                                    ? PutEventsResultEntry.builder().errorCode("ThrottlingException").build()
                                    : PutEventsResultEntry.builder().eventId("eb-" + i).build());
                        }
                        return PutEventsResponse.builder().failedEntryCount(refusing ? 1 : 0).entries(results).build();
                    }
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static DomainEvent event() {
        return new DomainEvent("UserAdded", "a_1", "2026-11-24T09:00:00Z", Map.of("userId", "u_1"), "ev_1");
    }

    @Test
    void buildsTheClientOnFirstPublishOnly() {
        var publisher = new EventBridgePublisher(() -> {
            built.incrementAndGet();
            return client(0);
        }, "bus");
        assertEquals(0, built.get(), "not built before anything is published");

        publisher.publish(event());
        publisher.publish(event());

        assertEquals(1, built.get());
        assertEquals(2, sent.size());
        var entry = sent.get(0).entries().get(0);
        assertEquals("bus", entry.eventBusName());
        assertEquals(DomainEvent.SOURCE, entry.source());
        assertEquals("UserAdded", entry.detailType());
        assertEquals("{\"eventId\":\"ev_1\",\"accountId\":\"a_1\",\"occurredAt\":\"2026-11-24T09:00:00Z\","
                + "\"userId\":\"u_1\"}", entry.detail());
    }

    private static List<DomainEvent> events(int n) {
        List<DomainEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new DomainEvent("UserAdded", "a_1", "2026-11-24T09:00:00Z", Map.of("userId", "u_" + i), "ev_" + i));
        }
        return events;
    }

    @Test
    void publishesInCallsOfTenInOrder() {
        var publisher = new EventBridgePublisher(client(-1, 0), "bus");
        assertEquals(23, publisher.publishAll(events(23)));
        assertEquals(List.of(10, 10, 3), sent.stream().map(r -> r.entries().size()).toList());
        assertEquals(List.of("ev_20", "ev_21", "ev_22"), sent.get(2).entries().stream()
                .map(e -> e.detail().substring(12, e.detail().indexOf('"', 12))).toList());
    }

    @Test
    void stopsAtTheFirstRefusedEntry() {
        var publisher = new EventBridgePublisher(client(1, 4), "bus");
        assertEquals(14, publisher.publishAll(events(23)), "the 15th event (second call, fifth entry) was refused");
        assertEquals(2, sent.size(), "nothing after a refusal is sent");
    }

    @Test
    void aRefusedEntryFails() {
        var publisher = new EventBridgePublisher(client(1), "bus");
        assertThrows(IllegalStateException.class, () -> publisher.publish(event()));
    }
}
