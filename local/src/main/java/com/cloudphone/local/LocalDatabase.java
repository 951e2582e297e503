package com.cloudphone.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local as an HTTP server in this process: the SDK talks the real wire protocol to it. In memory by
 * default; with a data folder the tables survive restarts.
 */
final class LocalDatabase implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private LocalDatabase(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static LocalDatabase start(Path dataDir) throws Exception {
        if (System.getProperty("sqlite4java.library.path") == null) {
            System.setProperty("sqlite4java.library.path", nativeLibs().toString());
        }
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port)));
        if (dataDir == null) {
            args.add("-inMemory");
        } else {
            Files.createDirectories(dataDir);
            args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString(), "-sharedDb"));
        }
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        server.start();
        return new LocalDatabase(server, URI.create("http://127.0.0.1:" + port));
    }

    /** The folder the build copies sqlite4java's native library into (see the parent pom). */
    private static Path nativeLibs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("target/native-libs");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return Path.of("target/native-libs");
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
