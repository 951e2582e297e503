package com.cloudphone.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.cloudphone.Backend;
import com.cloudphone.Prime;
import com.cloudphone.event.OutboxRelay;
import com.cloudphone.store.Outbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The table's stream (inserts of outbox items, filtered by the event source mapping) to the event bus. A batch
 * the bus partly refused answers with the first refused record, so Lambda retries from there and no later event
 * overtakes it (ReportBatchItemFailures).
 */
public class PublishEventsHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final OutboxRelay relay;

    /** Reads only the stream it is given and writes only to the bus: no table read (no permission for it). */
    public static final Set<Prime> PRIMING = Set.of(Prime.JSON);

    public PublishEventsHandler() {
        this(Backend.fromEnvironment(PRIMING));
    }

    public PublishEventsHandler(Backend backend) {
        this(backend.relay);
    }

    /** What it uses, and nothing else. */
    public PublishEventsHandler(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<Outbox.Change> changes = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            if ("INSERT".equals(r.getEventName()) && r.getDynamodb() != null && r.getDynamodb().getNewImage() != null) {
                changes.add(new Outbox.Change(r.getDynamodb().getSequenceNumber(), image(r.getDynamodb().getNewImage())));
            }
        }
        List<StreamsEventResponse.BatchItemFailure> failures = relay.relay(changes)
                .map(sequence -> List.of(new StreamsEventResponse.BatchItemFailure(sequence)))
                .orElse(List.of());
        return new StreamsEventResponse(failures);
    }

    /** Outbox items hold strings and one number; other attribute types are not part of an event. */
    private static Map<String, String> image(Map<String, AttributeValue> image) {
        Map<String, String> out = new LinkedHashMap<>();
        image.forEach((name, value) -> {
            if (value.getS() != null) {
                out.put(name, value.getS());
            } else if (value.getN() != null) {
                out.put(name, value.getN());
            }
        });
        return out;
    }
}
