package com.cloudphone.event;

import com.cloudphone.http.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/** Publishes to an EventBridge bus; the detail carries the account id and the event's own fields. */
public final class EventBridgePublisher implements EventPublisher {
    private final Supplier<EventBridgeClient> clientFactory;
    private final String busName;
    private volatile EventBridgeClient client;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this(() -> client, busName);
    }

    /** Builds the client on the first publish, once: a function that never publishes never pays for it. */
    public EventBridgePublisher(Supplier<EventBridgeClient> clientFactory, String busName) {
        this.clientFactory = clientFactory;
        this.busName = busName;
    }

    private EventBridgeClient client() {
        EventBridgeClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = clientFactory.get();
                    client = c;
                }
            }
        }
        return c;
    }

    static PutEventsRequestEntry entry(String busName, DomainEvent event) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("accountId", event.accountId());
        detail.put("occurredAt", event.occurredAt());
        detail.putAll(event.detail());
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(DomainEvent.SOURCE)
                .detailType(event.type())
                .detail(Json.write(detail))
                .build();
    }

    @Override
    public void publish(DomainEvent event) {
        PutEventsResponse response = client().putEvents(b -> b.entries(entry(busName, event)));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("EventBridge refused " + event.type() + ": "
                    + response.entries().get(0).errorCode());
        }
    }
}
