package com.cloudphone.store;

import com.cloudphone.model.Refusal;
import static com.cloudphone.store.Transaction.n;
import static com.cloudphone.store.Transaction.s;

import com.cloudphone.json.Json;
import com.cloudphone.model.DomainEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The transactional outbox: a domain event is an item of the table, written in the same transaction as the change
 * it reports ({@link #record}). The table's stream carries each new event item to the publish-events function,
 * which puts it on the event bus; so the functions that change data never load an EventBridge client, and an
 * event is never published for a change that did not commit. The stream keeps a record a day; items are kept a
 * week, so one the relay gave up on (the outbox dead-letter queue) can still be written again and replayed
 * (docs/deploy.md).
 */
public final class Outbox {
    static final String PREFIX = "EVENTS#";
    static final Duration KEPT = Duration.ofDays(7);

    private Outbox() {
    }

    /** One stream record of an outbox item: its sequence number and the new image, each attribute as text. */
    public record Change(String sequenceNumber, Map<String, String> newImage) {
    }

    /** Makes the event part of a transaction: it is recorded if and only if the change commits. */
    static void record(Transaction tx, DomainEvent event) {
        tx.putItem(item(event), new Refusal.AlreadyExists(Refusal.Subject.EVENT));
    }

    /** Partition per account, sorted by time: an account's events keep their order on the stream. */
    static Map<String, AttributeValue> item(DomainEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Keys.PK, s(PREFIX + event.accountId()));
        item.put(Keys.SK, s(event.occurredAt() + "#" + event.eventId()));
        item.put("eventId", s(event.eventId()));
        item.put("type", s(event.type()));
        item.put("accountId", s(event.accountId()));
        item.put("occurredAt", s(event.occurredAt()));
        item.put("detail", s(Json.write(event.detail())));
        item.put("expiresAt", n(Instant.parse(event.occurredAt()).plus(KEPT).getEpochSecond()));
        return item;
    }

    /**
     * The event an outbox item's image holds (attribute name to its string or number as text), or empty when the
     * image is some other item of the table.
     */
    public static Optional<DomainEvent> read(Map<String, String> image) {
        String pk = image.get(Keys.PK);
        if (pk == null || !pk.startsWith(PREFIX) || image.get("type") == null || image.get("eventId") == null) {
            return Optional.empty();
        }
        return Optional.of(new DomainEvent(image.get("type"), image.get("accountId"), image.get("occurredAt"),
                Json.parseObject(image.getOrDefault("detail", "{}")), image.get("eventId")));
    }
}
