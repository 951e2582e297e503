package com.cloudphone;

import com.cloudphone.event.EventBridgePublisher;
import com.cloudphone.event.EventPublisher;
import com.cloudphone.service.AccountService;
import com.cloudphone.service.Access;
import com.cloudphone.service.NumberService;
import com.cloudphone.service.PasswordHasher;
import com.cloudphone.service.SessionService;
import com.cloudphone.service.Tokens;
import com.cloudphone.service.UserService;
import com.cloudphone.store.Directory;
import com.cloudphone.store.NumberStore;
import com.cloudphone.store.Table;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Everything a function needs, wired once per process. Lambda handlers take {@link #fromEnvironment()} in their
 * no-arg constructor; tests and the local stack build one around their own table, bus and clock.
 */
public final class Backend {
    public final Table table;
    public final Directory directory;
    public final NumberStore numbers;
    public final Access access;
    public final PasswordHasher hasher;
    public final Tokens tokens;
    public final EventPublisher events;
    public final Clock clock;
    public final UserService users;
    public final NumberService numberService;
    public final SessionService sessions;
    public final AccountService accounts;

    public Backend(Table table, Tokens tokens, EventPublisher events, Clock clock, int bcryptCost) {
        this.table = table;
        this.directory = new Directory(table);
        this.numbers = new NumberStore(table);
        this.access = new Access(directory);
        this.hasher = new PasswordHasher(bcryptCost);
        this.tokens = tokens;
        this.events = events;
        this.clock = clock;
        this.users = new UserService(directory, access, hasher, events, clock);
        this.numberService = new NumberService(numbers, access, events, clock);
        this.sessions = new SessionService(directory, hasher, tokens, events, clock);
        this.accounts = new AccountService(directory, hasher, events, clock);
    }

    private static volatile Backend fromEnvironment;

    /** The Lambda wiring, from environment variables; built on first use and kept for the life of the process. */
    public static Backend fromEnvironment() {
        Backend b = fromEnvironment;
        if (b == null) {
            synchronized (Backend.class) {
                if (fromEnvironment == null) {
                    fromEnvironment = build(System.getenv());
                }
                b = fromEnvironment;
            }
        }
        return b;
    }

    /**
     * The token signing key: a PKCS#8 PEM from Secrets Manager in AWS, or from JWT_PRIVATE_KEY; without either, a
     * key made for this process only (tokens then die with it).
     */
    private static String signingKey(Map<String, String> env, Region region) {
        String secretArn = env.get("SIGNING_KEY_SECRET_ARN");
        if (secretArn == null) {
            return env.get("JWT_PRIVATE_KEY");
        }
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create()).region(region)
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build()) {
            return secrets.getSecretValue(b -> b.secretId(secretArn)).secretString();
        }
    }

    static Backend build(Map<String, String> env) {
        Region region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
        DynamoDbClient dynamo = endpoint(DynamoDbClient.builder(), env.get("DYNAMODB_ENDPOINT"))
                .httpClient(UrlConnectionHttpClient.create())
                .region(region)
                .build();
        Table table = new Table(dynamo, env.getOrDefault("TABLE_NAME", "cloudphone-users"));
        Clock clock = Clock.systemUTC();
        String pem = signingKey(env, region);
        Tokens tokens = new Tokens(pem == null ? Tokens.generateKeys() : Tokens.fromPem(pem),
                env.getOrDefault("TOKEN_ISSUER", "https://cloudphone.local"), Duration.ofHours(1), clock);
        // Built on first publish: functions that only read never load the EventBridge client.
        EventPublisher events = new EventBridgePublisher(
                () -> endpoint(EventBridgeClient.builder(), env.get("EVENTBRIDGE_ENDPOINT"))
                        .httpClient(UrlConnectionHttpClient.create())
                        .region(region)
                        .build(),
                env.getOrDefault("EVENT_BUS_NAME", "default"));
        return new Backend(table, tokens, events, clock, Integer.parseInt(env.getOrDefault("BCRYPT_COST", "10")));
    }

    /**
     * AWS itself with the function's role credentials, or, when an endpoint is given (DynamoDB Local, an
     * EventBridge emulator), that endpoint with static test credentials.
     */
    private static <B extends AwsClientBuilder<B, ?>> B endpoint(B builder, String endpoint) {
        if (endpoint == null) {
            return builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        }
        return builder.endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }
}
