package com.cloudphone.store;

import com.cloudphone.model.Page;
import com.cloudphone.model.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One list of an account read a page at a time: a Query with Limit and ExclusiveStartKey on the list's keys
 * (docs/table.md), on the table ({@code pk = ACCOUNT#a AND begins_with(sk, prefix)}) or on gsi1
 * ({@code gsi1pk = partition}). Items a filter drops do not count: the page is filled from the next items, and
 * the cursor is the key of the last item shown, so the next page starts right after it. A cursor is taken back
 * only if its keys lie inside this list of this account.
 */
final class PageQuery<I extends KeyedItem> {
    /** Items a request may read past a filter before it answers a short page with a cursor (bounds its time). */
    static final int SCAN_BUDGET = 1000;
    private static final int READ_AHEAD = 25;

    private final Function<QueryEnhancedRequest, SdkIterable<software.amazon.awssdk.enhanced.dynamodb.model.Page<I>>> source;
    private final boolean index;
    private final String accountPk;
    private final String partition;
    private final String sortPrefix;
    private final boolean newestFirst;
    private final int scanBudget;

    private PageQuery(Function<QueryEnhancedRequest, SdkIterable<software.amazon.awssdk.enhanced.dynamodb.model.Page<I>>> source,
                      boolean index, String accountPk, String partition, String sortPrefix, boolean newestFirst,
                      int scanBudget) {
        this.source = source;
        this.index = index;
        this.accountPk = accountPk;
        this.partition = partition;
        this.sortPrefix = sortPrefix;
        this.newestFirst = newestFirst;
        this.scanBudget = scanBudget;
    }

    /** The items of the account whose sort key starts with {@code sortPrefix}, read consistently, in key order. */
    static <I extends KeyedItem> PageQuery<I> table(DynamoDbTable<I> table, String accountId, String sortPrefix) {
        return new PageQuery<>(table::query, false, Keys.account(accountId), Keys.account(accountId), sortPrefix, false,
                SCAN_BUDGET);
    }

    /** The items under one gsi1 partition of the account (eventually consistent), in gsi1sk order. */
    static <I extends KeyedItem> PageQuery<I> index(DynamoDbTable<I> table, String accountId, String gsi1pk) {
        return new PageQuery<>(r -> table.index(Keys.GSI1).query(r), true, Keys.account(accountId), gsi1pk, null, false,
                SCAN_BUDGET);
    }

    PageQuery<I> newestFirst() {
        return new PageQuery<>(source, index, accountPk, partition, sortPrefix, true, scanBudget);
    }

    /** The same list with another {@link #SCAN_BUDGET} (tests: a short page without a thousand items). */
    PageQuery<I> scanBudget(int items) {
        return new PageQuery<>(source, index, accountPk, partition, sortPrefix, newestFirst, items);
    }

    Page<I> page(PageRequest request) {
        return page(request, Function.identity(), i -> true);
    }

    /** A page of the list's items, mapped, keeping only those {@code keep} accepts. */
    <T> Page<T> page(PageRequest request, Function<? super I, ? extends T> map, Predicate<? super T> keep) {
        Map<String, AttributeValue> start = request.cursor() == null ? null : startAfter(Cursor.decode(request.cursor()));
        List<T> items = new ArrayList<>();
        I lastShown = null;
        int read = 0;
        while (true) {
            // one more than the page needs: finding it tells there is a next page, so the last one ends with null
            int want = request.limit() - items.size() + 1;
            var page = source.apply(query(start, items.isEmpty() ? want : Math.max(want, READ_AHEAD)))
                    .iterator().next();
            for (I item : page.items()) {
                read++;
                T value = map.apply(item);
                if (!keep.test(value)) {
                    continue;
                }
                if (items.size() == request.limit()) {
                    return new Page<>(items, Cursor.of(lastShown, index).encode());
                }
                items.add(value);
                lastShown = item;
            }
            Map<String, AttributeValue> next = page.lastEvaluatedKey();
            if (next == null || next.isEmpty()) {
                return new Page<>(items, null);
            }
            if (read >= scanBudget) {
                // a filter is skipping most items: answer what was found; the cursor resumes where reading stopped
                return new Page<>(items, cursorAt(next).encode());
            }
            start = next;
        }
    }

    private QueryEnhancedRequest query(Map<String, AttributeValue> start, int limit) {
        QueryConditional condition = index
                ? QueryConditional.keyEqualTo(Key.builder().partitionValue(partition).build())
                : QueryConditional.sortBeginsWith(Key.builder().partitionValue(partition).sortValue(sortPrefix).build());
        return QueryEnhancedRequest.builder().queryConditional(condition).limit(limit)
                .exclusiveStartKey(start).scanIndexForward(!newestFirst).consistentRead(!index).build();
    }

    private Cursor cursorAt(Map<String, AttributeValue> key) {
        return new Cursor(key.get(Keys.PK).s(), key.get(Keys.SK).s(), index ? key.get(Keys.GSI1_PK).s() : null,
                index ? key.get(Keys.GSI1_SK).s() : null);
    }

    /** The cursor's key, when it is a key of this list in this account; a 400 naming the cursor otherwise. */
    private Map<String, AttributeValue> startAfter(Cursor cursor) {
        boolean inside = cursor.onIndex() == index && cursor.pk().equals(accountPk) && (index
                ? cursor.gsi1pk().equals(partition)
                : cursor.pk().equals(partition) && cursor.sk().startsWith(sortPrefix) && cursor.sk().length() > sortPrefix.length());
        if (!inside) {
            throw Cursor.refused();
        }
        return cursor.exclusiveStartKey();
    }
}
