package com.cloudphone.store;

import java.util.function.Supplier;
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
    private final View<AccountItem> accounts = new View<>(() -> view(AccountItem.SCHEMA));
    private final View<MemberItem> members = new View<>(() -> view(MemberItem.SCHEMA));
    private final View<LoginItem> logins = new View<>(() -> view(LoginItem.SCHEMA));
    private final View<UniqueItem> uniques = new View<>(() -> view(UniqueItem.SCHEMA));
    private final View<NumberItem> numbers = new View<>(() -> view(NumberItem.SCHEMA));
    private final View<ContactItem> contacts = new View<>(() -> view(ContactItem.SCHEMA));
    private final View<QueueItem> queues = new View<>(() -> view(QueueItem.SCHEMA));
    private final View<CallflowItem> callflows = new View<>(() -> view(CallflowItem.SCHEMA));
    private final View<DeviceItem> devices = new View<>(() -> view(DeviceItem.SCHEMA));
    private final View<CallItem> calls = new View<>(() -> view(CallItem.SCHEMA));
    private final View<TombstoneItem> tombstones = new View<>(() -> view(TombstoneItem.SCHEMA));
    private final View<JobItem> jobs = new View<>(() -> view(JobItem.SCHEMA));

    public Table(DynamoDbClient client, String name) {
        this.client = client;
        this.name = name;
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
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
    private static final class View<T> {
        private final Supplier<DynamoDbTable<T>> make;
        private volatile DynamoDbTable<T> table;

        View(Supplier<DynamoDbTable<T>> make) {
            this.make = make;
        }

        DynamoDbTable<T> get() {
            DynamoDbTable<T> t = table;
            if (t == null) {
                t = make.get();
                table = t;
            }
            return t;
        }
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
