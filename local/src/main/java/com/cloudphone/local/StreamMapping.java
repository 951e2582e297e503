package com.cloudphone.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.cloudphone.http.Log;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Plays the event source mapping template.yaml gives the publish-events function: reads the table's stream, keeps
 * the records its filter lets through (inserts of items whose pk starts with EVENTS#), and hands them to the
 * function in batches of up to 100, in stream order. A batch item failure is retried from that record on the next
 * round, and nothing after it goes first.
 */
final class StreamMapping {
    private static final int BATCH_SIZE = 100;

    private final DynamoDbStreamsClient streams;
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final RequestHandler<DynamodbEvent, StreamsEventResponse> function;
    private final Map<String, String> lastRead = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final List<DynamodbEvent.DynamodbStreamRecord> pending = new ArrayList<>();
    private String streamArn;

    StreamMapping(DynamoDbStreamsClient streams, DynamoDbClient dynamo, String tableName,
                  RequestHandler<DynamodbEvent, StreamsEventResponse> function) {
        this.streams = streams;
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.function = function;
    }

    /**
     * Reads what the stream already holds before the first round: records whose event already reached the bus
     * are dropped, the others stay to be relayed. {@code reached} answers for every record when the stack should
     * start at the stream's end instead.
     */
    synchronized void catchUp(Predicate<String> reached) {
        int kept = 0;
        for (Record r : read()) {
            AttributeValue eventId = passesFilter(r) ? r.dynamodb().newImage().get("eventId") : null;
            if (passesFilter(r) && (eventId == null || !reached.test(eventId.s()))) {
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
        for (Record r : read()) {
            if (passesFilter(r)) {
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

    /** The filter criteria of the PublishEventsFunction's stream event in template.yaml. */
    private static boolean passesFilter(Record r) {
        if (r.eventName() != OperationType.INSERT || !r.dynamodb().hasNewImage() || !r.dynamodb().hasKeys()) {
            return false;
        }
        AttributeValue pk = r.dynamodb().keys().get("pk");
        return pk != null && pk.s() != null && pk.s().startsWith("EVENTS#");
    }

    private List<Record> read() {
        if (streamArn == null) {
            streamArn = dynamo.describeTable(b -> b.tableName(tableName)).table().latestStreamArn();
            if (streamArn == null) {
                return List.of();
            }
        }
        List<Record> records = new ArrayList<>();
        for (Shard shard : shards()) {
            if (finished.contains(shard.shardId())) {
                continue;
            }
            String after = lastRead.get(shard.shardId());
            String iterator = streams.getShardIterator(b -> {
                b.streamArn(streamArn).shardId(shard.shardId());
                if (after == null) {
                    b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                } else {
                    b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
                }
            }).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
                records.addAll(page.records());
                iterator = page.nextShardIterator();
                if (page.records().isEmpty()) {
                    break; // caught up on an open shard, or at the end of a closed one (no next iterator)
                }
                lastRead.put(shard.shardId(), page.records().get(page.records().size() - 1).dynamodb().sequenceNumber());
            }
            if (iterator == null) {
                finished.add(shard.shardId());
            }
        }
        return records;
    }

    private List<Shard> shards() {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            var description = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from))
                    .streamDescription();
            shards.addAll(description.shards());
            start = description.lastEvaluatedShardId();
        } while (start != null);
        return shards;
    }

    /** The record as Lambda hands it to the function (the Lambda events model, not the SDK's). */
    private DynamodbEvent.DynamodbStreamRecord convert(Record r) {
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(r.eventID());
        out.setEventName(r.eventNameAsString());
        out.setEventSource("aws:dynamodb");
        out.setEventVersion(r.eventVersion());
        out.setAwsRegion(r.awsRegion());
        out.setEventSourceARN(streamArn);
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
