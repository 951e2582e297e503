package com.cloudphone.testing;

import com.cloudphone.engine.Moto;
import com.cloudphone.store.Table;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB the tests run against: one moto per test JVM, served one request at a time, or whatever endpoint
 * {@code DYNAMODB_ENDPOINT} names (LocalStack, a DynamoDB Local run under its own licence, or DynamoDB itself,
 * with the default credentials; {@code DYNAMODB_STREAMS_ENDPOINT} when its streams live elsewhere). Each test gets
 * a fresh table of its own.
 */
public final class LocalDynamo {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static DynamoDbClient client;
    private static DynamoDbStreamsClient streams;
    private static URI endpoint;

    private LocalDynamo() {
    }

    private static synchronized void start() {
        if (client != null) {
            return;
        }
        String given = System.getenv("DYNAMODB_ENDPOINT");
        endpoint = given == null || given.isBlank() ? Moto.start(null, 0).endpoint() : URI.create(given);
        String streamsGiven = System.getenv("DYNAMODB_STREAMS_ENDPOINT");
        URI streamsEndpoint = streamsGiven == null || streamsGiven.isBlank() ? endpoint : URI.create(streamsGiven);
        client = at(DynamoDbClient.builder(), endpoint).build();
        streams = at(DynamoDbStreamsClient.builder(), streamsEndpoint).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B at(B builder, URI endpoint) {
        boolean loopback = "127.0.0.1".equals(endpoint.getHost()) || "localhost".equals(endpoint.getHost());
        AwsCredentialsProvider credentials = loopback
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
        String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
        return builder.endpointOverride(endpoint).region(Region.of(region)).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
    }

    public static DynamoDbClient client() {
        start();
        return client;
    }

    /** Another client of the same engine whose calls pass through {@code interceptors} (to inject faults). */
    public static DynamoDbClient clientWith(ExecutionInterceptor... interceptors) {
        start();
        ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder();
        for (ExecutionInterceptor i : interceptors) {
            config.addExecutionInterceptor(i);
        }
        return at(DynamoDbClient.builder(), endpoint).overrideConfiguration(config.build()).build();
    }

    /** The streams of the same engine, where the outbox events of a table appear. */
    public static DynamoDbStreamsClient streams() {
        start();
        return streams;
    }

    public static Table freshTable() {
        Table table = new Table(client(), "test-" + RUN + "-" + TABLES.incrementAndGet());
        table.createIfMissing();
        return table;
    }
}
