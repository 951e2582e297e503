package com.cloudphone.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The keys of every item a client's write calls may have changed, collected before each call is sent (so a write
 * whose answer was lost, or that a condition refused, is counted too: reading it again is harmless). The invariant
 * runs read back only these items after a step instead of scanning the whole table ({@link TableState#advance}).
 */
public final class TouchedKeys implements ExecutionInterceptor {
    private final Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        List<Map<String, AttributeValue>> touched = new ArrayList<>();
        if (request instanceof PutItemRequest put) touched.add(put.item());
        else if (request instanceof UpdateItemRequest update) touched.add(update.key());
        else if (request instanceof DeleteItemRequest delete) touched.add(delete.key());
        else if (request instanceof TransactWriteItemsRequest tx) {
            for (TransactWriteItem part : tx.transactItems()) {
                if (part.put() != null) touched.add(part.put().item());
                else if (part.update() != null) touched.add(part.update().key());
                else if (part.delete() != null) touched.add(part.delete().key());
            }
        } else if (request instanceof BatchWriteItemRequest batch) {
            for (List<WriteRequest> writes : batch.requestItems().values()) {
                for (WriteRequest w : writes) touched.add(w.putRequest() != null ? w.putRequest().item() : w.deleteRequest().key());
            }
        }
        synchronized (keys) {
            for (Map<String, AttributeValue> item : touched) {
                keys.put(TableState.keyOf(item), Map.of("pk", item.get("pk"), "sk", item.get("sk")));
            }
        }
    }

    /** The keys touched since the last call, and forgets them. */
    public List<Map<String, AttributeValue>> drain() {
        synchronized (keys) {
            List<Map<String, AttributeValue>> out = new ArrayList<>(keys.values());
            keys.clear();
            return out;
        }
    }
}
