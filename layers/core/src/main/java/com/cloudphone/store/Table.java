package com.cloudphone.store;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
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
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The one DynamoDB table and its typed views. Built once per process: the enhanced client and the static
 * schemas are reused by every request.
 */
public final class Table {
    final DynamoDbClient client;
    final String name;
    private final DynamoDbEnhancedClient enhanced;
    private final Lazy<DynamoDbTable<AccountItem>> accounts = new Lazy<>(() -> view(AccountItem.SCHEMA));
    private final Lazy<DynamoDbTable<MemberItem>> members = new Lazy<>(() -> view(MemberItem.SCHEMA));
    private final Lazy<DynamoDbTable<LoginItem>> logins = new Lazy<>(() -> view(LoginItem.SCHEMA));
    private final Lazy<DynamoDbTable<UniqueItem>> uniques = new Lazy<>(() -> view(UniqueItem.SCHEMA));
    private final Lazy<DynamoDbTable<NumberItem>> numbers = new Lazy<>(() -> view(NumberItem.SCHEMA));
    private final Lazy<DynamoDbTable<ContactItem>> contacts = new Lazy<>(() -> view(ContactItem.SCHEMA));
    private final Lazy<DynamoDbTable<QueueItem>> queues = new Lazy<>(() -> view(QueueItem.SCHEMA));
    private final Lazy<DynamoDbTable<CallflowItem>> callflows = new Lazy<>(() -> view(CallflowItem.SCHEMA));
    private final Lazy<DynamoDbTable<DeviceItem>> devices = new Lazy<>(() -> view(DeviceItem.SCHEMA));
    private final Lazy<DynamoDbTable<CallItem>> calls = new Lazy<>(() -> view(CallItem.SCHEMA));
    private final Lazy<DynamoDbTable<TombstoneItem>> tombstones = new Lazy<>(() -> view(TombstoneItem.SCHEMA));
    private final Lazy<DynamoDbTable<JobItem>> jobs = new Lazy<>(() -> view(JobItem.SCHEMA));

    public Table(DynamoDbClient client, String name) {
        this.client = client instanceof OwnWritesClient ? client : new OwnWritesClient(client);
        this.name = name;
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(this.client).build();
    }

    private <T> DynamoDbTable<T> view(TableSchema<T> schema) {
        return enhanced.table(name, schema);
    }

    DynamoDbTable<AccountItem> accounts() { return accounts.get(); }
    DynamoDbTable<MemberItem> members() { return members.get(); }
    DynamoDbTable<LoginItem> logins() { return logins.get(); }
    DynamoDbTable<UniqueItem> uniques() { return uniques.get(); }
    DynamoDbTable<NumberItem> numbers() { return numbers.get(); }
    DynamoDbTable<ContactItem> contacts() { return contacts.get(); }
    DynamoDbTable<QueueItem> queues() { return queues.get(); }
    DynamoDbTable<CallflowItem> callflows() { return callflows.get(); }
    DynamoDbTable<DeviceItem> devices() { return devices.get(); }
    DynamoDbTable<CallItem> calls() { return calls.get(); }
    DynamoDbTable<TombstoneItem> tombstones() { return tombstones.get(); }
    DynamoDbTable<JobItem> jobs() { return jobs.get(); }

    /**
     * A typed view of the table, made on first use: a function loads and builds only the static schemas of the
     * items it touches, which keeps its cold start short.
     */

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
                            .build())
                    .streamSpecification(OUTBOX_STREAM));
            client.waiter().waitUntilTableExists(b -> b.tableName(name));
        } catch (ResourceInUseException alreadyThere) {
            // another process created it first, or it survived a restart (perhaps from before the outbox)
            if (client.describeTable(b -> b.tableName(name)).table().latestStreamArn() == null) {
                client.updateTable(b -> b.tableName(name).streamSpecification(OUTBOX_STREAM));
            }
        }
    }

    /** The outbox events' new images are what the stream must carry (see {@link Outbox}). */
    private static final StreamSpecification OUTBOX_STREAM = StreamSpecification.builder()
            .streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE).build();

    private static AttributeDefinition attr(String n) {
        return AttributeDefinition.builder().attributeName(n).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String n, KeyType t) {
        return KeySchemaElement.builder().attributeName(n).keyType(t).build();
    }
}
