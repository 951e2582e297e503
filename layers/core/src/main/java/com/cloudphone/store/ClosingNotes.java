package com.cloudphone.store;

import static com.cloudphone.store.Transaction.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a closed account still owes its wind-down (pattern 19): the note under {@code pk = CLOSING}, and the closure
 * copied onto every member item, each written alone since a redelivered AccountClosed writes them again.
 */
final class ClosingNotes {
    private final Table table;

    ClosingNotes(Table table) {
        this.table = table;
    }

    /** Notes that a closed account's wind-down is to be finished, and marks every member of it closed. */
    void begin(String accountId, String closedAt) {
        table.client.putItem(b -> b.tableName(table.name).item(Map.of(Keys.PK, AttributeValue.fromS(Keys.CLOSING),
                Keys.SK, AttributeValue.fromS(Keys.account(accountId)), "accountId", AttributeValue.fromS(accountId),
                "closedAt", AttributeValue.fromS(closedAt))));
        table.client.queryPaginator(b -> b.tableName(table.name)
                        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :users)")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.account(accountId)),
                                ":users", AttributeValue.fromS(Keys.USER_PREFIX)))
                        .projectionExpression("#pk, #sk").consistentRead(true))
                .items().forEach(m -> table.client.updateItem(b -> b.tableName(table.name)
                        .key(key(m.get(Keys.PK).s(), m.get(Keys.SK).s()))
                        .updateExpression("SET #closed = :true").conditionExpression("attribute_exists(#pk)")
                        .expressionAttributeNames(Map.of("#closed", "accountClosed", "#pk", Keys.PK))
                        .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))));
    }

    List<Accounts.Closing> all() {
        List<Accounts.Closing> out = new ArrayList<>();
        table.client.queryPaginator(b -> b.tableName(table.name).keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", Keys.PK))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(Keys.CLOSING))).consistentRead(true))
                .items().forEach(i -> out.add(new Accounts.Closing(i.get("accountId").s(), i.get("closedAt").s())));
        return out;
    }

    void finished(String accountId) {
        table.client.deleteItem(b -> b.tableName(table.name).key(key(Keys.CLOSING, Keys.account(accountId))));
    }
}
