package com.cloudphone.local;

import com.cloudphone.engine.Moto;
import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS services the local stack talks to, with one client each for the life of the stack: moto on a loopback
 * port for EventBridge, SQS and Secrets Manager, and for DynamoDB too unless the user names another
 * DynamoDB-compatible endpoint. In memory by default; with a data folder moto journals every acknowledged write
 * there and replays it at the next start.
 */
final class LocalCloud implements AutoCloseable {
    private static final Pattern AWS_DYNAMODB = Pattern.compile("dynamodb\\.([a-z0-9-]+)\\.amazonaws\\.com");
    private final Moto moto;
    private final URI databaseEndpoint;
    final DynamoDbClient dynamo;
    final DynamoDbStreamsClient streams;
    final EventBridgeClient events;
    final SqsClient sqs;
    final SecretsManagerClient secrets;

    private LocalCloud(Moto moto, URI databaseEndpoint) {
        this.moto = moto;
        this.databaseEndpoint = databaseEndpoint;
        Matcher aws = AWS_DYNAMODB.matcher(databaseEndpoint.getHost());
        if (aws.matches()) {
            // a table in an AWS account: that region's endpoints (streams have their own) and your credentials
            Region region = Region.of(aws.group(1));
            this.dynamo = inAws(DynamoDbClient.builder(), region).build();
            this.streams = inAws(DynamoDbStreamsClient.builder(), region).build();
        } else {
            this.dynamo = at(DynamoDbClient.builder(), databaseEndpoint).build();
            this.streams = at(DynamoDbStreamsClient.builder(), databaseEndpoint).build();
        }
        this.events = at(EventBridgeClient.builder(), moto.endpoint()).build();
        this.sqs = at(SqsClient.builder(), moto.endpoint()).build();
        this.secrets = at(SecretsManagerClient.builder(), moto.endpoint()).build();
    }

    /** moto, journaled to {@code dataDir} when given; DynamoDB on moto too, or on {@code dynamodbEndpoint}. */
    static LocalCloud start(Path dataDir, URI dynamodbEndpoint) {
        Moto moto = Moto.start(dataDir, 0);
        return new LocalCloud(moto, dynamodbEndpoint == null ? moto.endpoint() : dynamodbEndpoint);
    }

    /** Whether the table lives in this stack's moto (so its data folder keeps the table too). */
    boolean ownsDatabase() {
        return databaseEndpoint.equals(moto.endpoint());
    }

    URI databaseEndpoint() {
        return databaseEndpoint;
    }

    URI motoEndpoint() {
        return moto.endpoint();
    }

    /** "up" when the DynamoDB engine answers a cheap call, else what went wrong. */
    String databaseState(String tableName) {
        try {
            return dynamo.describeTable(b -> b.tableName(tableName)).table().tableStatusAsString().equals("ACTIVE")
                    ? "up" : "table not active";
        } catch (SdkException e) {
            return "down: " + e.getClass().getSimpleName();
        }
    }

    /** For the crash tests: the engine dies at once, as with kill -9. */
    void killEngine() {
        moto.kill();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B inAws(B builder, Region region) {
        return builder.region(region).credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create());
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B at(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create());
    }

    @Override
    public void close() {
        dynamo.close();
        streams.close();
        events.close();
        sqs.close();
        secrets.close();
        moto.close();
    }
}
