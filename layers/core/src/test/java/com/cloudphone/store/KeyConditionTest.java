package com.cloudphone.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudphone.testing.LocalDynamo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Every sort-key condition the store's Queries use, forward and backward, whole and in pages, answers what
 * DynamoDB would. The local engine finds a Query's items by its own route (it narrows the partition to the key
 * range before moto sorts), so this holds that route to the documented meaning.
 */
class KeyConditionTest {
    private static final List<String> KEYS = List.of("CALL#2026-11-01", "CALL#2026-11-02", "CALL#2026-11-02#b",
            "CALLFLOW#cf_1", "CALLFLOW#cf_2", "JOB#j_1", "NUMBER#+14155550001", "NUMBER#+14155550002", "TOMBSTONE#u_1",
            "USER#u_1", "USER#u_2", "USER#u_20", "USER#u_3", "USER#", "USER$", "ACCOUNT");

    @Test
    void eachConditionAnswersTheItemsInItsRangeInKeyOrder() {
        Table table = LocalDynamo.freshTable();
        for (String pk : List.of("ACCOUNT#a_1", "ACCOUNT#a_2")) {
            for (String sk : KEYS) {
                table.client.putItem(b -> b.tableName(table.name).item(Map.of("pk", s(pk), "sk", s(sk), "x", s(pk + sk))));
            }
        }
        List<String> bounds = List.of("CALL#", "CALL#2026-11-02", "CALLFLOW#", "NUMBER#+1415555000", "USER#", "USER#u_2", "Z", "A");
        int checked = 0;
        for (String v : bounds) {
            checked += check(table, "sk = :v", Map.of(":v", s(v)), k -> k.equals(v));
            checked += check(table, "sk < :v", Map.of(":v", s(v)), k -> k.compareTo(v) < 0);
            checked += check(table, "sk <= :v", Map.of(":v", s(v)), k -> k.compareTo(v) <= 0);
            checked += check(table, "sk > :v", Map.of(":v", s(v)), k -> k.compareTo(v) > 0);
            checked += check(table, "sk >= :v", Map.of(":v", s(v)), k -> k.compareTo(v) >= 0);
            checked += check(table, "begins_with(sk, :v)", Map.of(":v", s(v)), k -> k.startsWith(v));
            for (String w : bounds) {
                if (v.compareTo(w) > 0) continue; // DynamoDB refuses BETWEEN with its bounds reversed
                checked += check(table, "sk BETWEEN :v AND :w", Map.of(":v", s(v), ":w", s(w)),
                        k -> k.compareTo(v) >= 0 && k.compareTo(w) <= 0);
            }
        }
        checked += check(table, null, Map.of(), k -> true);
        assertEquals(true, checked > 100, "the conditions named items: " + checked);
    }

    /** Runs the Query forward and backward, whole and two items a page; returns how many items it expected. */
    private static int check(Table table, String range, Map<String, AttributeValue> values, Predicate<String> in) {
        List<String> expected = KEYS.stream().filter(in).sorted(Comparator.naturalOrder()).toList();
        for (boolean forward : List.of(true, false)) {
            List<String> order = forward ? expected : expected.stream().sorted(Comparator.reverseOrder()).toList();
            for (Integer limit : java.util.Arrays.asList(null, 2)) {
                assertEquals(order, query(table, range, values, forward, limit), range + " " + values
                        + (forward ? " forward" : " backward") + (limit == null ? "" : " in pages of " + limit));
            }
        }
        return expected.size();
    }

    private static List<String> query(Table table, String range, Map<String, AttributeValue> values, boolean forward,
                                      Integer limit) {
        Map<String, AttributeValue> all = new HashMap<>(values);
        all.put(":p", s("ACCOUNT#a_1"));
        List<String> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = table.client.query(b -> b.tableName(table.name)
                    .keyConditionExpression("pk = :p" + (range == null ? "" : " AND " + range))
                    .expressionAttributeValues(all).scanIndexForward(forward).limit(limit).exclusiveStartKey(from));
            page.items().forEach(i -> keys.add(i.get("sk").s()));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
