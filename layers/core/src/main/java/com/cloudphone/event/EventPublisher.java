package com.cloudphone.event;

import com.cloudphone.model.DomainEvent;
import java.util.List;

/** Where domain events go: the table's outbox from the services; EventBridge or an in-process bus from the relay. */
public interface EventPublisher {
    void publish(DomainEvent event);

    /**
     * Publishes in order and answers how many, from the first, were accepted before one was refused (all of them
     * when none was), so a caller can retry from the first refused one.
     */
    default int publishAll(List<DomainEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            try {
                publish(events.get(i));
            } catch (RuntimeException refused) {
                return i;
            }
        }
        return events.size();
    }
}
