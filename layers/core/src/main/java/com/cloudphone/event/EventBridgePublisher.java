package com.cloudphone.event;

import com.cloudphone.json.Json;
import com.cloudphone.log.Log;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.store.Lazy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** Publishes to an EventBridge bus; the detail carries the event id, the account id and the event's own fields. */
public final class EventBridgePublisher implements EventPublisher {
    private static final int MAX_ENTRIES = 10;
    private final Lazy<EventBridgeClient> client;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this(() -> client, busName);
    }

    /** Builds the client on the first publish, once: a function that never publishes never pays for it. */
    public EventBridgePublisher(Supplier<EventBridgeClient> clientFactory, String busName) {
        this.client = new Lazy<>(clientFactory);
        this.busName = busName;
    }

    static PutEventsRequestEntry entry(String busName, DomainEvent event) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventId", event.eventId());
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

    /** PutEvents takes at most ten entries a call; the first refused entry ends the run (see the interface). */
    @Override
    public int publishAll(List<DomainEvent> events) {
        for (int start = 0; start < events.size(); start += MAX_ENTRIES) {
            List<DomainEvent> chunk = events.subList(start, Math.min(events.size(), start + MAX_ENTRIES));
            PutEventsResponse response;
            try {
                response = client.get().putEvents(b -> b.entries(chunk.stream().map(e -> entry(busName, e)).toList()));
            } catch (SdkException e) {
                Log.warn("PutEvents failed", Map.of("exception", e.getClass().getName(), "events", chunk.size()));
                return start;
            }
            List<PutEventsResultEntry> results = response.entries();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() != null) {
                    Log.warn("EventBridge refused an event", Map.of("errorCode", results.get(i).errorCode(),
                            "eventId", chunk.get(i).eventId(), "type", chunk.get(i).type()));
                    return start + i;
                }
            }
        }
        return events.size();
    }

    @Override
    public void publish(DomainEvent event) {
        PutEventsResponse response = client.get().putEvents(b -> b.entries(entry(busName, event)));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new IllegalStateException("EventBridge refused " + event.type() + ": "
                    + response.entries().get(0).errorCode());
        }
    }
}
