package com.cloudphone.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Faults at the DynamoDB client, one SDK call at a time, and a record of the transactions that committed. Armed
 * with a {@link Kind} and a call number: the n-th call that {@link Kind#matches} gets the fault, then the client
 * behaves again. Thrown from beforeExecution the fault happens before the request leaves (the SDK's own retries
 * never see it: it stands for a throttle or conflict that outlasted them); thrown from afterExecution the request
 * has reached the table and committed, and only its answer is lost.
 */
public final class Faults implements ExecutionInterceptor {
    public enum Kind {
        /** ProvisionedThroughputExceeded on the n-th write, before it is sent. */
        THROTTLE,
        /** TransactionCanceled (TransactionConflict) on the n-th transaction, before it is sent; {@code times} in a row. */
        CONFLICT,
        /** The n-th write reaches the table, then its answer is lost (a client timeout). */
        TIMEOUT_AFTER_WRITE,
        /** The process dies before the n-th call of any kind: nothing from there on happens. */
        CRASH;

        boolean matches(String operation) {
            return switch (this) {
                case THROTTLE, TIMEOUT_AFTER_WRITE -> WRITES.contains(operation);
                case CONFLICT -> operation.equals("TransactWriteItems");
                case CRASH -> true;
            };
        }
    }

    static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

    /** What a process crash looks like to the code under test: an error it does not handle. */
    public static final class Crash extends RuntimeException {
        Crash(String operation, int call) {
            super("injected crash before call " + call + " (" + operation + ")");
        }
    }

    /** A committed TransactWriteItems: its outbox puts and the other items it changed (pk|sk). */
    public record Committed(String thread, List<String> events, List<String> changed) {
    }

    private volatile Kind kind;
    private volatile int at;
    private volatile int times;
    private final AtomicInteger seen = new AtomicInteger();
    private final AtomicInteger fired = new AtomicInteger();
    public final List<Committed> committed = new CopyOnWriteArrayList<>();
    /** Writes outside a transaction, as "Operation pk|sk" (first key only for batches). */
    public final List<String> plainWrites = new CopyOnWriteArrayList<>();

    /** Arms {@code kind} on the {@code n}-th matching call (1-based), {@code repeat} calls in a row. */
    public synchronized void arm(Kind kind, int n, int repeat) {
        this.kind = kind;
        this.at = n;
        this.times = repeat;
        seen.set(0);
        fired.set(0);
    }

    public synchronized void disarm() {
        kind = null;
    }

    /** How many times the armed fault fired. */
    public int fired() {
        return fired.get();
    }

    private boolean due(String operation) {
        Kind k = kind;
        if (k == null || !k.matches(operation)) return false;
        int call = seen.incrementAndGet();
        if (call >= at && call < at + times) {
            fired.incrementAndGet();
            return true;
        }
        return false;
    }

    private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Boolean> LOST =
            new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("cloudphone.faults.lost");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (!due(operation)) return;
        Kind k = kind;
        switch (k) {
            case THROTTLE -> throw ProvisionedThroughputExceededException.builder()
                    .message("injected: throughput exceeded").statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build()).build();
            case CONFLICT -> {
                int parts = ((TransactWriteItemsRequest) context.request()).transactItems().size();
                List<CancellationReason> reasons = new ArrayList<>();
                for (int i = 0; i < parts; i++) {
                    reasons.add(CancellationReason.builder().code(i == 0 ? "TransactionConflict" : "None").build());
                }
                throw TransactionCanceledException.builder().message("injected: transaction conflict")
                        .cancellationReasons(reasons).statusCode(400).build();
            }
            case CRASH -> throw new Crash(operation, at);
            case TIMEOUT_AFTER_WRITE -> attributes.putAttribute(LOST, true);
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        record(operation, context.request());
        if (Boolean.TRUE.equals(attributes.getAttribute(LOST))) {
            throw SdkClientException.create("injected: read timed out after the " + operation + " was sent");
        }
    }

    private void record(String operation, SdkRequest request) {
        if (request instanceof TransactWriteItemsRequest tx) {
            List<String> events = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            for (TransactWriteItem part : tx.transactItems()) {
                Map<String, AttributeValue> key = part.put() != null ? part.put().item()
                        : part.update() != null ? part.update().key() : part.delete() != null ? part.delete().key() : null;
                if (key == null) continue; // a ConditionCheck changes nothing
                String pk = key.get("pk").s();
                (pk.startsWith("EVENTS#") ? events : changed).add(pk + "|" + key.get("sk").s());
            }
            committed.add(new Committed(Thread.currentThread().getName(), events, changed));
        } else if (WRITES.contains(operation)) {
            plainWrites.add(operation + " " + describe(request));
        }
    }

    private static String describe(SdkRequest request) {
        return request.getValueForField("Key", Map.class)
                .or(() -> request.getValueForField("Item", Map.class))
                .map(m -> {
                    Object pk = m.get("pk");
                    Object sk = m.get("sk");
                    return (pk instanceof AttributeValue p ? p.s() : "?") + "|" + (sk instanceof AttributeValue q ? q.s() : "?");
                })
                .orElse("batch");
    }

    /** Whether an exception is one of ours or what the SDK made of it. */
    public static boolean injected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Crash || (t.getMessage() != null && t.getMessage().contains("injected"))) return true;
            if (t instanceof DynamoDbException d && d.getMessage() != null && d.getMessage().contains("injected")) return true;
        }
        return false;
    }
}
