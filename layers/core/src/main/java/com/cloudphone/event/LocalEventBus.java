package com.cloudphone.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The in-process event bus of the local stack and tests: keeps every event and hands it to subscribers. */
public final class LocalEventBus implements EventPublisher {
    private final List<DomainEvent> published = new CopyOnWriteArrayList<>();
    private final List<Consumer<DomainEvent>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void publish(DomainEvent event) {
        published.add(event);
        subscribers.forEach(s -> s.accept(event));
    }

    public void subscribe(Consumer<DomainEvent> subscriber) {
        subscribers.add(subscriber);
    }

    public List<DomainEvent> published() {
        return List.copyOf(published);
    }
}
