package com.cloudphone.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The outbox events inserted into the table's stream since the last call: what the event source mapping's filter
 * lets through to publish-events in AWS. The tests read their engine's stream with it.
 */
public final class OutboxStream {
    private final StreamReader reader;

    public OutboxStream(DynamoDbStreamsClient streams, Table table) {
        this.reader = new StreamReader(streams, table.client, table.name);
    }

    /** The outbox items inserted since the last call, in stream order. */
    public synchronized List<Outbox.Change> poll() {
        List<Outbox.Change> changes = new ArrayList<>();
        for (Record r : reader.read()) {
            if (StreamReader.isOutboxInsert(r)) {
                changes.add(new Outbox.Change(r.dynamodb().sequenceNumber(), image(r.dynamodb().newImage())));
            }
        }
        return changes;
    }

    private static Map<String, String> image(Map<String, AttributeValue> image) {
        Map<String, String> out = new LinkedHashMap<>();
        image.forEach((name, value) -> {
            if (value.s() != null) {
                out.put(name, value.s());
            } else if (value.n() != null) {
                out.put(name, value.n());
            }
        });
        return out;
    }
}
