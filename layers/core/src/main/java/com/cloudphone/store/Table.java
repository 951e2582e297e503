package com.cloudphone.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one DynamoDB table and its typed views. Built once per process: the enhanced client and the static
 * schemas are reused by every request.
 */
public final class Table {
    final DynamoDbClient client;
    final String name;
    final DynamoDbTable<AccountItem> accounts;
    final DynamoDbTable<MemberItem> members;
    final DynamoDbTable<LoginItem> logins;
    final DynamoDbTable<UniqueItem> uniques;
    final DynamoDbTable<NumberItem> numbers;
    final DynamoDbTable<ContactItem> contacts;
    final DynamoDbTable<QueueItem> queues;
    final DynamoDbTable<CallflowItem> callflows;
    final DynamoDbTable<DeviceItem> devices;
    final DynamoDbTable<CallItem> calls;
    final DynamoDbTable<TombstoneItem> tombstones;
    final DynamoDbTable<JobItem> jobs;

    public Table(DynamoDbClient client, String name) {
        this.client = client;
        this.name = name;
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        this.accounts = enhanced.table(name, AccountItem.SCHEMA);
        this.members = enhanced.table(name, MemberItem.SCHEMA);
        this.logins = enhanced.table(name, LoginItem.SCHEMA);
        this.uniques = enhanced.table(name, UniqueItem.SCHEMA);
        this.numbers = enhanced.table(name, NumberItem.SCHEMA);
        this.contacts = enhanced.table(name, ContactItem.SCHEMA);
        this.queues = enhanced.table(name, QueueItem.SCHEMA);
        this.callflows = enhanced.table(name, CallflowItem.SCHEMA);
        this.devices = enhanced.table(name, DeviceItem.SCHEMA);
        this.calls = enhanced.table(name, CallItem.SCHEMA);
        this.tombstones = enhanced.table(name, TombstoneItem.SCHEMA);
        this.jobs = enhanced.table(name, JobItem.SCHEMA);
    }

    public String name() {
        return name;
    }

    public DynamoDbClient client() {
        return client;
    }

    /** Creates the table with the same keys as template.yaml, for the local stack and tests. */
    public void createIfMissing() {
        try {
            client.createTable(b -> b.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            attr(Keys.PK), attr(Keys.SK), attr(Keys.GSI1_PK), attr(Keys.GSI1_SK))
                    .keySchema(key(Keys.PK, KeyType.HASH), key(Keys.SK, KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                            .indexName(Keys.GSI1)
                            .keySchema(key(Keys.GSI1_PK, KeyType.HASH), key(Keys.GSI1_SK, KeyType.RANGE))
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                            .build()));
            client.waiter().waitUntilTableExists(b -> b.tableName(name));
        } catch (ResourceInUseException alreadyThere) {
            // another process created it first, or it survived a restart
        }
    }

    private static AttributeDefinition attr(String n) {
        return AttributeDefinition.builder().attributeName(n).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String n, KeyType t) {
        return KeySchemaElement.builder().attributeName(n).keyType(t).build();
    }
}
