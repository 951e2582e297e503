package com.cloudphone.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.cloudphone.Backend;
import com.cloudphone.event.EventBridgePublisher;
import com.cloudphone.model.Plan;
import com.cloudphone.model.UserKind;
import com.cloudphone.service.Caller;
import com.cloudphone.service.NewUser;
import com.cloudphone.service.Tokens;
import com.cloudphone.store.Outbox;
import com.cloudphone.store.OutboxStream;
import com.cloudphone.store.Table;
import com.cloudphone.testing.TestJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole outbox path against LocalStack's DynamoDB, DynamoDB Streams and EventBridge: a user is added, the
 * stream carries the event items, the relay puts them on a bus, and a rule delivers them to a queue, where they
 * are read as a consumer (billing) would. Needs a Docker engine; skipped cleanly without one.
 */
@Testcontainers(disabledWithoutDocker = true)
class PublishEventsLocalStackTest {
    private static final String BUS = "cloudphone-users";

    @Container
    private static final LocalStackContainer AWS = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"));

    private static <B extends AwsClientBuilder<B, ?>> B local(B builder) {
        return builder.endpointOverride(AWS.getEndpoint()).region(Region.of(AWS.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(AWS.getAccessKey(), AWS.getSecretKey())));
    }

    @Test
    void anAddedUserReachesARuleOnTheBusWithItsEventId() throws Exception {
        DynamoDbClient dynamo = local(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        DynamoDbStreamsClient streams = local(DynamoDbStreamsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        EventBridgeClient events = local(EventBridgeClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        SqsClient sqs = local(SqsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();

        Table table = new Table(dynamo, "cloudphone-users");
        table.createIfMissing();
        events.createEventBus(b -> b.name(BUS));
        String queueUrl = sqs.createQueue(b -> b.queueName("billing-view")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name("users-to-billing").eventBusName(BUS)
                .eventPattern("{\"source\": [\"cloudphone.users\"]}"));
        events.putTargets(b -> b.rule("users-to-billing").eventBusName(BUS).targets(t -> t.id("queue").arn(queueArn)));

        Clock clock = Clock.systemUTC();
        Backend backend = new Backend(table,
                new Tokens(Tokens.generateKeys(), "https://cloudphone.test", Duration.ofHours(1), clock),
                new EventBridgePublisher(events, BUS), clock, 4, (name, input) -> { });
        var opened = backend.accounts.open("Acme", Plan.TEAM, true, null, "owner", "Owner-pass-1");
        Caller admin = new Caller(opened.owner().userId(), opened.account().accountId(), "ADMIN");
        String userId = backend.users.add(admin, new NewUser(UserKind.INTERNAL, "sam", null, "Welcome-2026", "Sam",
                "1002", null, null, false)).userId();

        OutboxStream stream = new OutboxStream(streams, table);
        List<Outbox.Change> changes = new ArrayList<>();
        for (int i = 0; i < 50 && changes.size() < 2; i++) {
            changes.addAll(stream.poll());
            Thread.sleep(200);
        }
        assertEquals(2, changes.size(), "AccountOpened and UserAdded on the stream");
        assertTrue(new PublishEventsHandler(backend).handleRequest(streamEvent(changes), null)
                .getBatchItemFailures().isEmpty());

        List<JsonNode> delivered = new ArrayList<>();
        for (int i = 0; i < 20 && delivered.size() < 2; i++) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
                    .messages()) {
                delivered.add(TestJson.MAPPER.readTree(m.body()));
            }
        }
        assertEquals(List.of("AccountOpened", "UserAdded"), delivered.stream().map(e -> e.path("detail-type").asText())
                .sorted().toList());
        JsonNode added = delivered.stream().filter(e -> e.path("detail-type").asText().equals("UserAdded"))
                .findFirst().orElseThrow();
        assertEquals("cloudphone.users", added.path("source").asText());
        assertEquals(userId, added.path("detail").path("userId").asText());
        assertEquals(opened.account().accountId(), added.path("detail").path("accountId").asText());
        assertTrue(added.path("detail").path("eventId").asText().startsWith("ev_"), added.toString());
    }

    /** The stream records as the event source mapping hands them to the function. */
    private static DynamodbEvent streamEvent(List<Outbox.Change> changes) {
        var event = new DynamodbEvent();
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (Outbox.Change c : changes) {
            var image = new HashMap<String, AttributeValue>();
            c.newImage().forEach((k, v) -> image.put(k, k.equals("expiresAt")
                    ? new AttributeValue().withN(v)
                    : new AttributeValue(v)));
            var record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventName("INSERT");
            record.setDynamodb(new StreamRecord()
                    .withSequenceNumber(c.sequenceNumber()).withNewImage(image));
            records.add(record);
        }
        event.setRecords(records);
        return event;
    }
}
