package com.cloudphone.store;

import com.cloudphone.model.Refusal;
import static com.cloudphone.store.Keys.k;

import com.cloudphone.model.Call;
import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/** The account's call history. Calls are never deleted with a user; purge anonymises them. */
public final class CallLog {
    private final Table table;

    public CallLog(Table table) {
        this.table = table;
    }

    public void record(Call call) {
        // a transaction of one item, so that under an Idempotency-Key the call commits with its kept answer
        new Transaction(table).put(CallItem.SCHEMA, CallItem.of(call), Transaction.Cond.NEW_ITEM,
                new Refusal.AlreadyExists(Refusal.Subject.CALL)).commit();
    }

    /** A page of the account's calls, newest first (pattern 13). */
    public Page<Call> recent(String accountId, PageRequest request) {
        return PageQuery.table(table.calls(), accountId, Keys.CALL_PREFIX).newestFirst()
                .page(request, CallItem::toCall, c -> true);
    }

    /** A page of one user's calls (gsi1, pattern 13), newest first. */
    public Page<Call> of(String accountId, String userId, PageRequest request) {
        return PageQuery.index(table.calls(), accountId, Keys.callsOf(accountId, userId)).newestFirst()
                .page(request, CallItem::toCall, c -> true);
    }

    /** Newest first, at most {@code limit}. */
    public List<Call> recent(String accountId, int limit) {
        return table.calls().query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortBeginsWith(k(Keys.account(accountId), Keys.CALL_PREFIX)))
                        .scanIndexForward(false).limit(limit).consistentRead(true).build())
                .items().stream().limit(limit).map(CallItem::toCall).toList();
    }

    /** A user's calls (gsi1), newest first. */
    public List<Call> of(String accountId, String userId, int limit) {
        return table.calls().index(Keys.GSI1).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(Key.builder()
                                .partitionValue(Keys.callsOf(accountId, userId)).build()))
                        .scanIndexForward(false).build())
                .stream().flatMap(p -> p.items().stream()).limit(limit).map(CallItem::toCall).toList();
    }

    /** Replaces the person's details in each of their calls with {@code label}, 25 calls per batch. */
    public int anonymise(String accountId, String userId, String label) {
        BatchWriter batch = new BatchWriter(table);
        for (Call call : of(accountId, userId, Integer.MAX_VALUE)) {
            Call anonymous = new Call(call.accountId(), call.callId(), call.from(), call.to(), null, null, null,
                    call.durationSeconds(), call.startedAt(), label);
            batch.put(CallItem.SCHEMA.itemToMap(CallItem.of(anonymous), true));
        }
        return batch.flush();
    }
}
