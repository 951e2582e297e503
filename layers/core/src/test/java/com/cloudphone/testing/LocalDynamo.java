package com.cloudphone.testing;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.cloudphone.store.Table;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** One in-process DynamoDB Local per test JVM; each test gets a fresh table of its own. */
public final class LocalDynamo {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbClient client;
    private static DynamoDbStreamsClient streams;

    private LocalDynamo() {
    }

    private static synchronized void start() {
        if (client == null) {
            AmazonDynamoDBLocal local = DynamoDBEmbedded.create();
            client = local.dynamoDbClient();
            streams = local.dynamoDbStreamsClient();
        }
    }

    public static DynamoDbClient client() {
        start();
        return client;
    }

    /** The streams of the same engine, where the outbox events of a table appear. */
    public static DynamoDbStreamsClient streams() {
        start();
        return streams;
    }

    public static Table freshTable() {
        Table table = new Table(client(), "test-table-" + TABLES.incrementAndGet());
        table.createIfMissing();
        return table;
    }
}
