package com.cloudphone.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's stream from where the last read stopped, shard by shard, parents first, with the DynamoDB Streams
 * API. In AWS an event source mapping does this for the publish-events function; the tests and the local stack
 * read the stream of their engine with it.
 */
public final class StreamReader {
    private final DynamoDbStreamsClient streams;
    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Map<String, String> lastRead = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private String streamArn;

    public StreamReader(DynamoDbStreamsClient streams, DynamoDbClient dynamo, String tableName) {
        this.streams = streams;
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    /** What the publish-events mapping's filter lets through (template.yaml): inserts of outbox items. */
    public static boolean isOutboxInsert(Record r) {
        AttributeValue pk = r.dynamodb().hasKeys() ? r.dynamodb().keys().get(Keys.PK) : null;
        return r.eventName() == OperationType.INSERT && r.dynamodb().hasNewImage()
                && pk != null && pk.s() != null && pk.s().startsWith(Outbox.PREFIX);
    }

    /** The stream's ARN once a read found it (null before, or while the table has no stream). */
    public synchronized String streamArn() {
        return streamArn;
    }

    /** The records added since the last call, in stream order. */
    public synchronized List<Record> read() {
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
                List<Record> got = page.records();
                records.addAll(got);
                iterator = page.nextShardIterator();
                if (got.isEmpty()) {
                    break; // caught up (an open shard) or at the end (a closed one: no next iterator)
                }
                lastRead.put(shard.shardId(), got.get(got.size() - 1).dynamodb().sequenceNumber());
            }
            if (iterator == null) {
                finished.add(shard.shardId()); // a closed shard read to its end
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
}
