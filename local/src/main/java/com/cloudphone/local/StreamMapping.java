package com.cloudphone.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.cloudphone.log.Log;
import com.cloudphone.store.StreamReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Plays the event source mapping template.yaml gives the publish-events function: reads the table's stream, keeps
 * the records its filter lets through (inserts of items whose pk starts with EVENTS#), and hands them to the
 * function in batches of up to 100, in stream order. A batch item failure is retried from that record on the next
 * round, and nothing after it goes first.
 */
final class StreamMapping {
    private static final int BATCH_SIZE = 100;

    private final StreamReader reader;
    private final RequestHandler<DynamodbEvent, StreamsEventResponse> function;
    private final List<DynamodbEvent.DynamodbStreamRecord> pending = new ArrayList<>();

    StreamMapping(DynamoDbStreamsClient streams, DynamoDbClient dynamo, String tableName,
                  RequestHandler<DynamodbEvent, StreamsEventResponse> function) {
        this.reader = new StreamReader(streams, dynamo, tableName);
        this.function = function;
    }

    /**
     * Reads what the stream already holds before the first round: records whose event already reached the bus
     * are dropped, the others stay to be relayed. {@code reached} answers for every record when the stack should
     * start at the stream's end instead.
     */
    synchronized void catchUp(Predicate<String> reached) {
        int kept = 0;
        for (Record r : reader.read()) {
            AttributeValue eventId = StreamReader.isOutboxInsert(r) ? r.dynamodb().newImage().get("eventId") : null;
            if (StreamReader.isOutboxInsert(r) && (eventId == null || !reached.test(eventId.s()))) {
                pending.add(convert(r));
                kept++;
            }
        }
        if (kept > 0) {
            Log.info("relaying events written before the last stop", Map.of("events", kept));
        }
    }

    /** One round: new records, then as many batches as the function takes; answers how many it was handed. */
    synchronized int pump() {
        int handed = 0;
        for (Record r : reader.read()) {
            if (StreamReader.isOutboxInsert(r)) {
                pending.add(convert(r));
            }
        }
        while (!pending.isEmpty()) {
            List<DynamodbEvent.DynamodbStreamRecord> batch = List.copyOf(pending.subList(0, Math.min(BATCH_SIZE, pending.size())));
            DynamodbEvent event = new DynamodbEvent();
            event.setRecords(batch);
            handed += batch.size();
            List<StreamsEventResponse.BatchItemFailure> failures = function.handleRequest(event, null).getBatchItemFailures();
            if (failures == null || failures.isEmpty()) {
                pending.subList(0, batch.size()).clear();
                continue;
            }
            String failed = failures.get(0).getItemIdentifier();
            int from = 0;
            while (from < batch.size() && !batch.get(from).getDynamodb().getSequenceNumber().equals(failed)) {
                from++;
            }
            pending.subList(0, from).clear();
            return handed; // the rest waits for the next round
        }
        return handed;
    }

    /** The record as Lambda hands it to the function (the Lambda events model, not the SDK's). */
    private DynamodbEvent.DynamodbStreamRecord convert(Record r) {
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(r.eventID());
        out.setEventName(r.eventNameAsString());
        out.setEventSource("aws:dynamodb");
        out.setEventVersion(r.eventVersion());
        out.setAwsRegion(r.awsRegion());
        out.setEventSourceARN(reader.streamArn());
        out.setDynamodb(new StreamRecord()
                .withSequenceNumber(r.dynamodb().sequenceNumber())
                .withStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.valueOf(
                        r.dynamodb().streamViewTypeAsString()))
                .withKeys(image(r.dynamodb().keys()))
                .withNewImage(image(r.dynamodb().newImage())));
        return out;
    }

    /** Outbox items hold strings, numbers and booleans only. */
    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image(
            Map<String, AttributeValue> image) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new HashMap<>();
        image.forEach((name, v) -> {
            var value = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
            if (v.s() != null) {
                out.put(name, value.withS(v.s()));
            } else if (v.n() != null) {
                out.put(name, value.withN(v.n()));
            } else if (v.bool() != null) {
                out.put(name, value.withBOOL(v.bool()));
            }
        });
        return out;
    }
}
