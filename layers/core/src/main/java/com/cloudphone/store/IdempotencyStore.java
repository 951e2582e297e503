package com.cloudphone.store;

import static com.cloudphone.store.Transaction.key;
import static com.cloudphone.store.Transaction.n;
import static com.cloudphone.store.Transaction.s;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Idempotency keys of mutating requests: a claim taken before acting (so two retries in flight cannot both act),
 * then the response kept for replay until the item's TTL removes it.
 */
public final class IdempotencyStore {
    private final Table table;

    public IdempotencyStore(Table table) {
        this.table = table;
    }

    /** {@code role}: the caller's role when the request ran. */
    public record Record(String requestHash, boolean done, int status, String body, String role) {
    }

    /** Claims the key for this request; false when someone holds it already (and it has not expired). */
    public boolean claim(String accountId, String key, String requestHash, long nowEpoch, long expiresEpoch,
                         String role) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk(accountId, key), Keys.UNIQUE_SK));
        item.put("type", s("Idempotency"));
        item.put("requestHash", s(requestHash));
        item.put("state", s("IN_PROGRESS"));
        item.put("role", s(role));
        item.put("expiresAt", n(expiresEpoch));
        try {
            table.client.putItem(b -> b.tableName(table.name).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #expires < :now")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#expires", "expiresAt"))
                    .expressionAttributeValues(Map.of(":now", n(nowEpoch))));
            return true;
        } catch (ConditionalCheckFailedException held) {
            return false;
        }
    }

    public Optional<Record> get(String accountId, String key) {
        Map<String, AttributeValue> item = table.client.getItem(b -> b.tableName(table.name)
                .key(key(pk(accountId, key), Keys.UNIQUE_SK)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        boolean done = "DONE".equals(item.get("state").s());
        return Optional.of(new Record(item.get("requestHash").s(), done,
                done ? Integer.parseInt(item.get("status").n()) : 0, done && item.containsKey("body") ? item.get("body").s() : null,
                item.containsKey("role") ? item.get("role").s() : "ADMIN"));
    }

    public void complete(String accountId, String key, int status, String body) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":done", s("DONE"), ":status", n(status)));
        String update = "SET #state = :done, #status = :status";
        if (body != null) {
            update += ", #body = :body";
            values.put(":body", s(body));
        }
        String expression = update;
        table.client.updateItem(b -> b.tableName(table.name).key(key(pk(accountId, key), Keys.UNIQUE_SK))
                .updateExpression(expression)
                .expressionAttributeNames(body != null ? Map.of("#state", "state", "#status", "status", "#body", "body")
                        : Map.of("#state", "state", "#status", "status"))
                .expressionAttributeValues(values));
    }

    /** Lets the key go after a refused request, which wrote nothing, so a corrected retry can act. */
    public void release(String accountId, String key) {
        table.client.deleteItem(b -> b.tableName(table.name).key(key(pk(accountId, key), Keys.UNIQUE_SK)));
    }

    private static String pk(String accountId, String key) {
        return "IDEMPOTENCY#" + accountId + "#" + key;
    }
}
