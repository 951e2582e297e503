package com.cloudphone.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.Backend;
import com.cloudphone.event.EventPublisher;
import com.cloudphone.model.DomainEvent;
import com.cloudphone.service.Tokens;
import com.cloudphone.testing.LocalDynamo;
import com.cloudphone.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PublishEventsHandlerTest {
    private final List<DomainEvent> published = new ArrayList<>();

    /** A bus that takes events until it has {@code capacity}, then refuses, as a throttled EventBridge would. */
    private PublishEventsHandler handler(int capacity) {
        EventPublisher bus = event -> {
            if (published.size() >= capacity) {
                throw new IllegalStateException("throttled");
            }
            published.add(event);
        };
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
        return new PublishEventsHandler(new Backend(LocalDynamo.freshTable(),
                new Tokens(Tokens.generateKeys(), "https://cloudphone.test", Duration.ofHours(1), clock), bus, clock, 4,
                (name, input) -> { }));
    }

    @Test
    void publishesTheOutboxEventsOfTheBatchInOrder() {
        StreamsEventResponse response = handler(100).handleRequest(EventLoader.loadDynamoDbEvent("publish-events.json"), null);

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertEquals(List.of("UserAdded", "NumberAssigned"), published.stream().map(DomainEvent::type).toList(),
                "the member item's insert in the same batch is not an event");
        DomainEvent added = published.get(0);
        assertEquals("ev_sample0000001", added.eventId());
        assertEquals("a_sample", added.accountId());
        assertEquals("2026-11-24T09:00:00Z", added.occurredAt());
        assertEquals(Map.of("userId", "u_newagent", "kind", "INTERNAL", "role", "USER", "addedBy", "u_sampleadmin"),
                added.detail());
    }

    @Test
    void aRefusedEventIsRetriedFromItsRecordOn() {
        StreamsEventResponse response = handler(1).handleRequest(EventLoader.loadDynamoDbEvent("publish-events.json"), null);

        assertEquals(List.of("UserAdded"), published.stream().map(DomainEvent::type).toList());
        assertEquals(List.of("111100000000000000000002"), response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    @Test
    void aBatchWithoutEventsPublishesNothing() {
        var event = EventLoader.loadDynamoDbEvent("publish-events.json");
        event.setRecords(List.of(event.getRecords().get(2)));
        assertTrue(handler(100).handleRequest(event, null).getBatchItemFailures().isEmpty());
        assertTrue(published.isEmpty());
    }
}
