package com.cloudphone.store;

import com.cloudphone.model.Refusal;
import com.cloudphone.model.Refused;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One TransactWriteItems call whose parts each say which error their failed condition means. Invariants that
 * span items (seats, unique extensions, number ownership) are kept here, never by reading first.
 */
final class Transaction {
    private static final int MAX_CONFLICT_RETRIES = 8;

    private final Table table;
    private final List<TransactWriteItem> parts = new ArrayList<>();
    private final List<Refusal> failures = new ArrayList<>();

    Transaction(Table table) {
        this.table = table;
    }

    /** A condition expression with its placeholders. */
    record Cond(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        static final Cond NEW_ITEM = new Cond("attribute_not_exists(#pk)", Map.of("#pk", Keys.PK), Map.of());
        static final Cond EXISTS = new Cond("attribute_exists(#pk)", Map.of("#pk", Keys.PK), Map.of());
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Keys.PK, s(pk), Keys.SK, s(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    <T extends KeyedItem> Transaction put(StaticTableSchema<T> schema, T item, Cond cond, Refusal ifFails) {
        Put.Builder put = Put.builder().tableName(table.name).item(schema.itemToMap(item, true));
        if (cond != null) {
            put.conditionExpression(cond.expression());
            if (!cond.names().isEmpty()) put.expressionAttributeNames(cond.names());
            if (!cond.values().isEmpty()) put.expressionAttributeValues(cond.values());
        }
        return add(TransactWriteItem.builder().put(put.build()).build(), ifFails);
    }

    /** A new item given attribute by attribute (outbox events); fails if its key is taken. */
    Transaction putItem(Map<String, AttributeValue> item, Refusal ifFails) {
        Put put = Put.builder().tableName(table.name).item(item)
                .conditionExpression(Cond.NEW_ITEM.expression()).expressionAttributeNames(Cond.NEW_ITEM.names()).build();
        return add(TransactWriteItem.builder().put(put).build(), ifFails);
    }

    Transaction update(Map<String, AttributeValue> key, String updateExpression, Cond cond, Refusal ifFails) {
        Update.Builder update = Update.builder().tableName(table.name).key(key).updateExpression(updateExpression);
        update.conditionExpression(cond.expression());
        if (!cond.names().isEmpty()) update.expressionAttributeNames(cond.names());
        if (!cond.values().isEmpty()) update.expressionAttributeValues(cond.values());
        return add(TransactWriteItem.builder().update(update.build()).build(), ifFails);
    }

    Transaction check(Map<String, AttributeValue> key, Cond cond, Refusal ifFails) {
        ConditionCheck.Builder check = ConditionCheck.builder().tableName(table.name).key(key)
                .conditionExpression(cond.expression());
        if (!cond.names().isEmpty()) check.expressionAttributeNames(cond.names());
        if (!cond.values().isEmpty()) check.expressionAttributeValues(cond.values());
        return add(TransactWriteItem.builder().conditionCheck(check.build()).build(), ifFails);
    }

    Transaction delete(Map<String, AttributeValue> key, Cond cond, Refusal ifFails) {
        Delete.Builder delete = Delete.builder().tableName(table.name).key(key);
        if (cond != null) {
            delete.conditionExpression(cond.expression());
            if (!cond.names().isEmpty()) delete.expressionAttributeNames(cond.names());
            if (!cond.values().isEmpty()) delete.expressionAttributeValues(cond.values());
        }
        return add(TransactWriteItem.builder().delete(delete.build()).build(), ifFails);
    }

    /** DynamoDB takes at most this many items in one transaction. */
    static final int MAX_ITEMS = 100;

    int size() {
        return parts.size();
    }

    private Transaction add(TransactWriteItem part, Refusal ifFails) {
        parts.add(part);
        failures.add(ifFails);
        return this;
    }

    /**
     * Commits all parts or none. A failed condition raises the error of the first part that failed; a conflict
     * with another transaction in flight is retried with jittered backoff, since the conditions are re-checked.
     */
    void commit() {
        RequestClaim claim = RequestClaim.current();
        if (claim == null) send();
        else if (!claim.hold(this)) claim.sendNow(this);
    }

    /** Sends the parts now, whatever claim the request runs under (its own part included when it has one). */
    void send() {
        for (int attempt = 0; ; attempt++) {
            try {
                table.client.transactWriteItems(b -> b.transactItems(parts));
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                for (int i = 0; i < reasons.size(); i++) {
                    if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                        throw new Refused(failures.get(i));
                    }
                }
                if (attempt >= MAX_CONFLICT_RETRIES) {
                    throw new Refused(new Refusal.Collided());
                }
                backoff(attempt);
            }
        }
    }

    /**
     * Commits, or answers false when the part that failed is the one that raises {@code expected}: a condition
     * meaning "already done" (nothing is written then). Any other failure is raised as usual.
     */
    boolean commitUnless(Refusal expected) {
        // the caller needs the outcome now: nothing is held back
        RequestClaim claim = RequestClaim.current();
        try {
            if (claim == null) send();
            else claim.sendNow(this);
            return true;
        } catch (Refused e) {
            if (e.refusal().equals(expected)) {
                return false;
            }
            throw e;
        }
    }

    private static void backoff(int attempt) {
        long ceiling = Math.min(200, 10L << attempt);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Refused(new Refusal.Collided());
        }
    }
}
