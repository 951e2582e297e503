package com.cloudphone.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        return (EventBridgeClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{EventBridgeClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putEvents") && args[0] instanceof PutEventsRequest request) {
                        sent.add(request);
                        return PutEventsResponse.builder().failedEntryCount(failed)
                                .entries(PutEventsResultEntry.builder().errorCode(failed > 0 ? "Boom" : null).build())
                                .build();
                    }
                    if (method.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static DomainEvent event() {
        return new DomainEvent("UserAdded", "a_1", "2026-11-24T09:00:00Z", Map.of("userId", "u_1"));
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
        assertEquals("{\"accountId\":\"a_1\",\"occurredAt\":\"2026-11-24T09:00:00Z\",\"userId\":\"u_1\"}",
                entry.detail());
    }

    @Test
    void aRefusedEntryFails() {
        var publisher = new EventBridgePublisher(client(1), "bus");
        assertThrows(IllegalStateException.class, () -> publisher.publish(event()));
    }
}
