package com.cloudphone.local;

import com.cloudphone.engine.Moto;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The local engine: moto on a loopback port, served one request at a time (see {@code local/engine}), or any
 * DynamoDB-compatible endpoint the user names. In memory by default; with a data folder moto journals every
 * acknowledged write there and replays it at the next start.
 */
final class LocalDatabase implements AutoCloseable {
    private final Moto engine;
    private final URI endpoint;

    private LocalDatabase(Moto engine, URI endpoint) {
        this.engine = engine;
        this.endpoint = endpoint;
    }

    /** moto, journaled to {@code dataDir} when it is given. */
    static LocalDatabase start(Path dataDir) {
        Moto engine = Moto.start(dataDir, 0);
        return new LocalDatabase(engine, engine.endpoint());
    }

    /** An engine someone else runs: nothing to start or stop. */
    static LocalDatabase at(URI endpoint) {
        return new LocalDatabase(null, endpoint);
    }

    URI endpoint() {
        return endpoint;
    }

    DynamoDbClient client() {
        return onThisServer(DynamoDbClient.builder()).build();
    }

    /** The table streams, which carry the outbox events. */
    DynamoDbStreamsClient streams() {
        return onThisServer(DynamoDbStreamsClient.builder()).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B onThisServer(B builder) {
        return builder.endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create());
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
