package com.cloudphone.event;

import java.util.Map;

/**
 * Something that happened, for billing and other consumers. {@code type} becomes the EventBridge detail-type;
 * {@code detail} never holds passwords, tokens or hashes.
 */
public record DomainEvent(String type, String accountId, String occurredAt, Map<String, Object> detail) {
    public static final String SOURCE = "cloudphone.users";
}
