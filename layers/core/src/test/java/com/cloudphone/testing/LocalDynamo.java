package com.cloudphone.testing;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.cloudphone.store.Table;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** One in-process DynamoDB Local per test JVM; each test gets a fresh table of its own. */
public final class LocalDynamo {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbClient client;

    private LocalDynamo() {
    }

    public static synchronized DynamoDbClient client() {
        if (client == null) {
            client = DynamoDBEmbedded.create().dynamoDbClient();
        }
        return client;
    }

    public static Table freshTable() {
        Table table = new Table(client(), "test-table-" + TABLES.incrementAndGet());
        table.createIfMissing();
        return table;
    }
}
