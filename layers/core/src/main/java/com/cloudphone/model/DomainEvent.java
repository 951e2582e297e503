package com.cloudphone.model;

import java.util.Map;

/**
 * Something that happened, for billing and other consumers. {@code type} becomes the EventBridge detail-type;
 * {@code detail} never holds passwords, tokens or hashes. {@code eventId} is unique per event: delivery is at
 * least once, so consumers drop an id they have already seen.
 */
public record DomainEvent(String type, String accountId, String occurredAt, Map<String, Object> detail,
                          String eventId) {
    public static final String SOURCE = "cloudphone.users";

    public DomainEvent(String type, String accountId, String occurredAt, Map<String, Object> detail) {
        this(type, accountId, occurredAt, detail, Ids.next("ev"));
    }

    /** {@code event} of {@code accountId}, at {@code occurredAt} (when its change commits), with a new id. */
    public static DomainEvent of(String accountId, String occurredAt, Event event) {
        return new DomainEvent(event.type(), accountId, occurredAt, event.detail());
    }
}
