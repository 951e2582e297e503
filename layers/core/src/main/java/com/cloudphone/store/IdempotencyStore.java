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
 * then the response kept for replay until the item's TTL removes it. The response is written in the same
 * transaction as the request's last change ({@link RequestClaim}), so a change never lands without it.
 */
public final class IdempotencyStore {
    private final Table table;

    public IdempotencyStore(Table table) {
        this.table = table;
    }

    /** Where a claimed request is: running, over without an answer, or answered (the answer kept). */
    public enum State { IN_PROGRESS, FAILED, DONE }

    /**
     * {@code role}: the caller's role when the request ran. {@code leaseUntil}: when a silent IN_PROGRESS attempt
     * counts as dead.
     */
    public record Record(String requestHash, State state, long attempt, long leaseUntil, int status, String body,
                         String role) {
        public boolean done() {
            return state == State.DONE;
        }

        /** Whether the attempt holding the claim is over without an answer, so a retry may take it over. */
        public boolean abandoned(long nowEpoch) {
            return state == State.FAILED || (state == State.IN_PROGRESS && leaseUntil < nowEpoch);
        }
    }

    /**
     * Claims the key for this request (attempt 1); empty when someone holds it already (and it has not expired).
     * {@code leaseUntil}: until when the attempt counts as running.
     */
    public Optional<RequestClaim> claim(String accountId, String key, String requestHash, long nowEpoch,
                                        long leaseUntil, long expiresEpoch, String role) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk(accountId, key), Keys.UNIQUE_SK));
        item.put("type", s("Idempotency"));
        item.put("requestHash", s(requestHash));
        item.put("state", s(State.IN_PROGRESS.name()));
        item.put("attempt", n(1));
        item.put("leaseUntil", n(leaseUntil));
        item.put("role", s(role));
        item.put("expiresAt", n(expiresEpoch));
        try {
            table.client.putItem(b -> b.tableName(table.name).item(item)
                    .conditionExpression("attribute_not_exists(#pk) OR #expires < :now")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#expires", "expiresAt"))
                    .expressionAttributeValues(Map.of(":now", n(nowEpoch))));
            return Optional.of(new RequestClaim(table, key(pk(accountId, key), Keys.UNIQUE_SK), 1));
        } catch (ConditionalCheckFailedException held) {
            return Optional.empty();
        }
    }

    /**
     * Takes over a claim whose attempt ended without an answer (its next attempt runs); empty when another retry
     * took it first. The attempt number fences the old one: nothing it still sends can commit.
     */
    public Optional<RequestClaim> takeOver(String accountId, String key, Record previous, long leaseUntil) {
        Map<String, AttributeValue> k = key(pk(accountId, key), Keys.UNIQUE_SK);
        long next = previous.attempt() + 1;
        try {
            table.client.updateItem(b -> b.tableName(table.name).key(k)
                    .updateExpression("SET #state = :running, #attempt = :next, #lease = :lease")
                    .conditionExpression("#attempt = :was AND #state = :wasState")
                    .expressionAttributeNames(Map.of("#state", "state", "#attempt", "attempt", "#lease", "leaseUntil"))
                    .expressionAttributeValues(Map.of(":running", s(State.IN_PROGRESS.name()), ":next", n(next),
                            ":lease", n(leaseUntil), ":was", n(previous.attempt()), ":wasState", s(previous.state().name()))));
            return Optional.of(new RequestClaim(table, k, next));
        } catch (ConditionalCheckFailedException lost) {
            return Optional.empty();
        }
    }

    public Optional<Record> get(String accountId, String key) {
        Map<String, AttributeValue> item = table.client.getItem(b -> b.tableName(table.name)
                .key(key(pk(accountId, key), Keys.UNIQUE_SK)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        State state = State.valueOf(item.get("state").s());
        boolean done = state == State.DONE;
        return Optional.of(new Record(item.get("requestHash").s(), state, number(item, "attempt", 1),
                number(item, "leaseUntil", 0), done ? Integer.parseInt(item.get("status").n()) : 0,
                done && item.containsKey("body") ? item.get("body").s() : null,
                item.containsKey("role") ? item.get("role").s() : "ADMIN"));
    }

    private static long number(Map<String, AttributeValue> item, String name, long otherwise) {
        AttributeValue v = item.get(name);
        return v == null ? otherwise : Long.parseLong(v.n());
    }

    /** Lets the key go after a refused request that wrote nothing, so a corrected retry can act. */
    public void release(String accountId, String key, long attempt) {
        try {
            table.client.deleteItem(b -> b.tableName(table.name).key(key(pk(accountId, key), Keys.UNIQUE_SK))
                    .conditionExpression("#attempt = :attempt AND #state = :running")
                    .expressionAttributeNames(Map.of("#attempt", "attempt", "#state", "state"))
                    .expressionAttributeValues(Map.of(":attempt", n(attempt), ":running", s(State.IN_PROGRESS.name()))));
        } catch (ConditionalCheckFailedException superseded) {
            // a retry took the claim over, or the answer was kept: either way it is not ours to drop
        }
    }

    /**
     * Marks the attempt over without an answer (it may have written part of its work), so a retry takes over at
     * once instead of waiting out the lease. Nothing happens when the answer was kept after all.
     */
    public void fail(String accountId, String key, long attempt) {
        try {
            table.client.updateItem(b -> b.tableName(table.name).key(key(pk(accountId, key), Keys.UNIQUE_SK))
                    .updateExpression("SET #state = :failed")
                    .conditionExpression("#attempt = :attempt AND #state = :running")
                    .expressionAttributeNames(Map.of("#attempt", "attempt", "#state", "state"))
                    .expressionAttributeValues(Map.of(":attempt", n(attempt), ":running", s(State.IN_PROGRESS.name()),
                            ":failed", s(State.FAILED.name()))));
        } catch (ConditionalCheckFailedException superseded) {
            // taken over, or DONE: the state is right as it is
        }
    }

    private static String pk(String accountId, String key) {
        return "IDEMPOTENCY#" + accountId + "#" + key;
    }
}
