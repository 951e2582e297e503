package com.cloudphone.event;

/** Where domain events go: EventBridge in AWS, an in-process bus locally. */
public interface EventPublisher {
    void publish(DomainEvent event);
}
