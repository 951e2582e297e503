package com.cloudphone.store;

import static com.cloudphone.store.Keys.k;

import com.cloudphone.model.Tombstone;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/** Tombstones of removed members, and the sparse index of those whose purge is still pending. */
public final class TombstoneStore {
    private final Table table;

    public TombstoneStore(Table table) {
        this.table = table;
    }

    public Optional<Tombstone> get(String accountId, String userId) {
        return Optional.ofNullable(table.tombstones().getItem(r -> r.key(k(Keys.account(accountId), Keys.tombstone(userId)))
                .consistentRead(true))).map(TombstoneItem::toTombstone);
    }

    /** Every unpurged tombstone whose purgeAt is at or before {@code now}, across accounts. */
    public List<Tombstone> due(String now) {
        return table.tombstones().index(Keys.GSI1).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.sortLessThanOrEqualTo(Key.builder()
                                .partitionValue(Keys.PURGE_PENDING).sortValue(now + "#~").build()))
                        .build())
                .stream().flatMap(p -> p.items().stream()).map(TombstoneItem::toTombstone)
                .filter(t -> !t.purged()).toList();
    }
}
