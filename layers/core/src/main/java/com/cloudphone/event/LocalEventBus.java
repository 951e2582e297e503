package com.cloudphone.event;

import com.cloudphone.model.DomainEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The in-process event bus of the local stack and tests: keeps every event the outbox relay hands it and passes
 * each to the subscribers.
 */
public final class LocalEventBus implements EventPublisher {
    private final List<DomainEvent> published = new CopyOnWriteArrayList<>();
    private final List<Consumer<DomainEvent>> subscribers = new CopyOnWriteArrayList<>();
    private volatile Runnable delivery = () -> { };

    /** What brings outstanding events in (the outbox stream's relay); run before {@link #published()} answers. */
    public void deliverBeforeReading(Runnable delivery) {
        this.delivery = delivery;
    }

    @Override
    public void publish(DomainEvent event) {
        published.add(event);
        subscribers.forEach(s -> s.accept(event));
    }

    public void subscribe(Consumer<DomainEvent> subscriber) {
        subscribers.add(subscriber);
    }

    public List<DomainEvent> published() {
        delivery.run();
        return List.copyOf(published);
    }
}
