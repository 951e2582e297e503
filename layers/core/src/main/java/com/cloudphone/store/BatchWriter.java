package com.cloudphone.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem in pages of 25 (the service's limit), retrying unprocessed items with backoff. */
final class BatchWriter {
    static final int PAGE = 25;
    private static final int MAX_ROUNDS = 10;

    private final Table table;
    private final List<WriteRequest> pending = new ArrayList<>();

    BatchWriter(Table table) {
        this.table = table;
    }

    BatchWriter put(Map<String, AttributeValue> item) {
        pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        return this;
    }

    BatchWriter delete(Map<String, AttributeValue> key) {
        pending.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
        return this;
    }

    /** Writes everything queued; returns how many requests were written. */
    int flush() {
        int written = pending.size();
        for (int from = 0; from < pending.size(); from += PAGE) {
            List<WriteRequest> page = pending.subList(from, Math.min(from + PAGE, pending.size()));
            writePage(new ArrayList<>(page));
        }
        pending.clear();
        return written;
    }

    private void writePage(List<WriteRequest> page) {
        List<WriteRequest> left = page;
        for (int round = 0; !left.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException(left.size() + " items stayed unprocessed after " + MAX_ROUNDS + " rounds");
            }
            if (round > 0) {
                sleep(Math.min(1000, 25L << round));
            }
            List<WriteRequest> batch = left;
            BatchWriteItemResponse response = table.client.batchWriteItem(b -> b.requestItems(Map.of(table.name, batch)));
            left = response.unprocessedItems().getOrDefault(table.name, List.of());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed items", e);
        }
    }
}
