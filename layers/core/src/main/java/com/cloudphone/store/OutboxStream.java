package com.cloudphone.store;

import com.cloudphone.event.OutboxRelay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads the table's stream from where the last read stopped, shard by shard, parents first. The tests use it to
 * deliver outbox events from moto's stream; in AWS an event source mapping feeds the same records to the
 * publish-events function, and the local stack plays that mapping itself.
 */
public final class OutboxStream {
    private final DynamoDbStreamsClient streams;
    private final Table table;
    private final Map<String, String> lastRead = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private String streamArn;

    public OutboxStream(DynamoDbStreamsClient streams, Table table) {
        this.streams = streams;
        this.table = table;
    }

    /**
     * The outbox items inserted since the last call, in stream order; what the event source mapping's filter
     * (an INSERT whose pk starts with EVENTS#) lets through in AWS.
     */
    public synchronized List<OutboxRelay.Change> poll() {
        List<OutboxRelay.Change> changes = new ArrayList<>();
        for (Record r : records()) {
            AttributeValue pk = r.dynamodb().hasKeys() ? r.dynamodb().keys().get(Keys.PK) : null;
            if (r.eventName() == OperationType.INSERT && r.dynamodb().hasNewImage()
                    && pk != null && pk.s() != null && pk.s().startsWith(Outbox.PREFIX)) {
                changes.add(new OutboxRelay.Change(r.dynamodb().sequenceNumber(), image(r.dynamodb().newImage())));
            }
        }
        return changes;
    }

    /** Moves past everything already on the stream (a restarted local stack does not replay old events). */
    public synchronized void skipToEnd() {
        records();
    }

    private List<Record> records() {
        if (streamArn == null) {
            streamArn = table.client.describeTable(b -> b.tableName(table.name)).table().latestStreamArn();
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
