package com.cloudphone.event;

import com.cloudphone.log.Log;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.store.Outbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves outbox events from the table's stream to the event bus, in stream order. Other items' changes are
 * skipped. When the bus refuses an event, the answer names the stream record to resume from, so that one and
 * every later one are delivered again (consumers drop event ids they have seen).
 */
public final class OutboxRelay {
    private final EventPublisher bus;

    public OutboxRelay(EventPublisher bus) {
        this.bus = bus;
    }

    public Optional<String> relay(List<Outbox.Change> changes) {
        List<DomainEvent> events = new ArrayList<>();
        List<String> sequenceNumbers = new ArrayList<>();
        for (Outbox.Change change : changes) {
            Outbox.read(change.newImage()).ifPresent(event -> {
                events.add(event);
                sequenceNumbers.add(change.sequenceNumber());
            });
        }
        if (events.isEmpty()) {
            return Optional.empty();
        }
        int published = bus.publishAll(events);
        Log.info("events relayed", Map.of("records", changes.size(), "events", events.size(), "published", published));
        return published == events.size() ? Optional.empty() : Optional.of(sequenceNumbers.get(published));
    }
}
