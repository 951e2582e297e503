package com.cloudphone;

import com.cloudphone.event.EventBridgePublisher;
import com.cloudphone.event.EventPublisher;
import com.cloudphone.event.OutboxRelay;
import com.cloudphone.http.Idempotency;
import com.cloudphone.service.Access;
import com.cloudphone.service.AccountService;
import com.cloudphone.service.AgencyRemovalUndo;
import com.cloudphone.service.AgencyService;
import com.cloudphone.service.BillingService;
import com.cloudphone.service.CallService;
import com.cloudphone.service.CallflowService;
import com.cloudphone.service.ClosureService;
import com.cloudphone.service.DeletionService;
import com.cloudphone.service.DeviceService;
import com.cloudphone.service.InvitationService;
import com.cloudphone.service.NumberService;
import com.cloudphone.service.OffboardingService;
import com.cloudphone.service.PasswordHasher;
import com.cloudphone.service.PurgeService;
import com.cloudphone.service.QueueService;
import com.cloudphone.service.Refusals;
import com.cloudphone.service.SessionService;
import com.cloudphone.service.Tokens;
import com.cloudphone.service.UserService;
import com.cloudphone.service.WorkflowStarter;
import com.cloudphone.store.Accounts;
import com.cloudphone.store.CallLog;
import com.cloudphone.store.CallflowStore;
import com.cloudphone.store.DeviceStore;
import com.cloudphone.store.DynamoAccounts;
import com.cloudphone.store.DynamoLogins;
import com.cloudphone.store.DynamoMemberships;
import com.cloudphone.store.DynamoPurges;
import com.cloudphone.store.IdempotencyStore;
import com.cloudphone.store.JobStore;
import com.cloudphone.store.Lazy;
import com.cloudphone.store.Logins;
import com.cloudphone.store.Memberships;
import com.cloudphone.store.NumberStore;
import com.cloudphone.store.Purges;
import com.cloudphone.store.QueueStore;
import com.cloudphone.store.RequestClaim;
import com.cloudphone.store.Table;
import com.cloudphone.store.TombstoneStore;
import com.cloudphone.workflow.OffboardingSteps;
import com.cloudphone.workflow.StepFunctionsStarter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Everything a function needs, wired once per process. Lambda handlers take {@link #fromEnvironment()} in their
 * no-arg constructor; tests and the local stack build one around their own table, bus and clock.
 */
public final class Backend {
    public final Table table;
    public final Accounts accountStore;
    public final Memberships memberships;
    public final Logins logins;
    public final Purges purgeStore;
    public final NumberStore numbers;
    public final Access access;
    public final PasswordHasher hasher;
    private final Supplier<Tokens> tokens;
    /** Carries outbox events from the table's stream to the bus (the publish-events function). */
    public final OutboxRelay relay;
    public final Clock clock;
    public final UserService users;
    public final InvitationService invitations;
    public final NumberService numberService;
    public final SessionService sessions;
    public final AccountService accounts;
    public final QueueStore queueStore;
    public final CallflowStore callflowStore;
    public final DeviceStore deviceStore;
    public final CallLog callLog;
    public final TombstoneStore tombstones;
    public final JobStore jobs;
    public final QueueService queues;
    public final CallflowService callflows;
    public final DeviceService devices;
    public final CallService calls;
    public final DeletionService deletion;
    public final PurgeService purge;
    public final OffboardingService offboarding;
    public final OffboardingSteps steps;
    public final Idempotency idempotency;
    public final BillingService billing;
    /** Closed accounts' wind-down (started by AccountClosed, carried on by the hourly sweep). */
    public final ClosureService closures;
    public final AgencyService agency;

    /** {@code bus} is where the relay publishes: EventBridge in AWS, the in-process bus locally. */
    public Backend(Table table, Tokens tokens, EventPublisher bus, Clock clock, int bcryptCost,
                   WorkflowStarter workflow) {
        this(table, () -> tokens, bus, clock, bcryptCost, workflow);
    }

    /**
     * {@code tokens} is asked for on first use and kept: only the sessions function signs tokens, so only it reads
     * the signing key (from Secrets Manager in AWS); every other function starts without it.
     */
    public Backend(Table table, Supplier<Tokens> tokens, EventPublisher bus, Clock clock, int bcryptCost,
                   WorkflowStarter workflow) {
        this(table, tokens, bus, clock, bcryptCost, workflow, InvitationService.DEFAULT_LIFETIME);
    }

    /** {@code invitationLifetime}: how long an invitation can be accepted (the InvitationLifetimeDays parameter). */
    public Backend(Table table, Supplier<Tokens> tokens, EventPublisher bus, Clock clock, int bcryptCost,
                   WorkflowStarter workflow, Duration invitationLifetime) {
        this.table = table;
        this.accountStore = new DynamoAccounts(table);
        this.memberships = new DynamoMemberships(table);
        this.logins = new DynamoLogins(table, memberships);
        this.purgeStore = new DynamoPurges(table, logins);
        this.numbers = new NumberStore(table);
        this.access = new Access(memberships);
        this.hasher = new PasswordHasher(bcryptCost);
        this.tokens = new Lazy<>(tokens);
        this.relay = new OutboxRelay(bus);
        this.clock = clock;
        this.users = new UserService(accountStore, memberships, logins, access, hasher, clock, invitationLifetime);
        this.invitations = new InvitationService(memberships, logins, access, clock, invitationLifetime);
        this.callflowStore = new CallflowStore(table);
        this.numberService = new NumberService(numbers, callflowStore, access, clock);
        this.sessions = new SessionService(accountStore, memberships, logins, hasher, this.tokens, clock);
        this.accounts = new AccountService(accountStore, memberships, hasher, clock);
        this.queueStore = new QueueStore(table);
        this.deviceStore = new DeviceStore(table);
        this.callLog = new CallLog(table);
        this.tombstones = new TombstoneStore(table);
        this.jobs = new JobStore(table);
        this.queues = new QueueService(queueStore, memberships, access, clock);
        this.callflows = new CallflowService(callflowStore, access, clock);
        this.devices = new DeviceService(deviceStore, memberships, access, clock);
        this.calls = new CallService(callLog, memberships, access);
        this.deletion = new DeletionService(accountStore, memberships, queueStore, callflows, numberService, deviceStore, tombstones,
                access, clock);
        this.purge = new PurgeService(memberships, purgeStore, tombstones, callLog, deviceStore, jobs, clock);
        // an execution reads what the request committed: a change held back for its answer is sent first
        WorkflowStarter afterCommit = (name, input) -> {
            Refusals.decide(RequestClaim::sendCurrentHeld);
            workflow.start(name, input);
        };
        this.offboarding = new OffboardingService(memberships, deletion, callflows, numberService, jobs, access,
                afterCommit, clock);
        this.closures = new ClosureService(accountStore, memberships, queueStore, callflowStore, numbers, deviceStore, offboarding);
        this.billing = new BillingService(accountStore, closures);
        this.agency = new AgencyService(accountStore, memberships, logins, access, deletion, jobs, tombstones, afterCommit, clock);
        this.idempotency = new Idempotency(new IdempotencyStore(table), clock, access::member);
        this.steps = new OffboardingSteps(queues, callflows, numberService, deletion, purge,
                new AgencyRemovalUndo(memberships, logins, jobs, tombstones, clock), jobs, clock);
    }

    /** The token signer and the JWKS it publishes. */
    public Tokens tokens() {
        return tokens.get();
    }


    private static volatile Backend fromEnvironment;
    private static Priming priming;

    /** The Lambda wiring, from environment variables; built on first use and kept for the life of the process. */
    public static Backend fromEnvironment() {
        return fromEnvironment(Prime.DEFAULT);
    }

    /** As {@link #fromEnvironment()}, with what this function primes for SnapStart (the first call decides). */
    public static Backend fromEnvironment(Set<Prime> primes) {
        Backend b = fromEnvironment;
        if (b == null) {
            synchronized (Backend.class) {
                if (fromEnvironment == null) {
                    fromEnvironment = build(System.getenv());
                    priming = Priming.register(fromEnvironment, primes);
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
    private static String signingKey(Map<String, String> env, Region region, AwsCredentialsProvider credentials) {
        String secretArn = env.get("SIGNING_KEY_SECRET_ARN");
        if (secretArn == null) {
            return env.get("JWT_PRIVATE_KEY");
        }
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create()).region(region)
                .credentialsProvider(credentials).build()) {
            return secrets.getSecretValue(b -> b.secretId(secretArn)).secretString();
        }
    }

    static Backend build(Map<String, String> env) {
        Region region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
        AwsCredentialsProvider credentials = lambdaCredentials();
        DynamoDbClient dynamo = endpoint(DynamoDbClient.builder(), env.get("DYNAMODB_ENDPOINT"), credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .region(region)
                .build();
        Table table = new Table(dynamo, env.getOrDefault("TABLE_NAME", "cloudphone-users"));
        Clock clock = Clock.systemUTC();
        Supplier<Tokens> tokens = () -> {
            String pem = signingKey(env, region, credentials);
            return new Tokens(pem == null ? Tokens.generateKeys() : Tokens.fromPem(pem),
                    env.getOrDefault("TOKEN_ISSUER", "https://cloudphone.local"), Duration.ofHours(1), clock);
        };
        // Built on first publish, which only the publish-events function does: the others record to the outbox.
        EventPublisher bus = new EventBridgePublisher(
                () -> endpoint(EventBridgeClient.builder(), env.get("EVENTBRIDGE_ENDPOINT"), credentials)
                        .httpClient(UrlConnectionHttpClient.create())
                        .region(region)
                        .build(),
                env.getOrDefault("EVENT_BUS_NAME", "default"));
        return new Backend(table, tokens, bus, clock, Integer.parseInt(env.getOrDefault("BCRYPT_COST", "10")),
                stepFunctions(env, region, credentials),
                Duration.ofDays(Long.parseLong(env.getOrDefault("INVITATION_DAYS", "7"))));
    }

    /**
     * The function role's credentials, the two ways Lambda hands them over: with SnapStart, from the container
     * credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI and AWS_CONTAINER_AUTHORIZATION_TOKEN), so a restored
     * snapshot can renew them; without it, in AWS_ACCESS_KEY_ID and its siblings. Not the SDK's default chain: that
     * would also look for profile files and, failing all, wait on the instance metadata service.
     */
    static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.of(ContainerCredentialsProvider.create(),
                EnvironmentVariableCredentialsProvider.create());
    }

    /** StartExecution on the offboarding state machine; the client is built on the first start only. */
    private static WorkflowStarter stepFunctions(Map<String, String> env, Region region,
                                                 AwsCredentialsProvider credentials) {
        String arn = env.get("STATE_MACHINE_ARN");
        Lazy<StepFunctionsStarter> starter = new Lazy<>(() -> new StepFunctionsStarter(SfnClient.builder()
                .httpClient(UrlConnectionHttpClient.create()).region(region)
                .credentialsProvider(credentials).build(), arn));
        return (name, inputJson) -> {
            if (arn == null) {
                throw new IllegalStateException("STATE_MACHINE_ARN is not set for this function");
            }
            starter.get().start(name, inputJson);
        };
    }

    /**
     * AWS itself with the function's role credentials, or, when an endpoint is given (moto, an
     * EventBridge emulator), that endpoint with static test credentials.
     */
    private static <B extends AwsClientBuilder<B, ?>> B endpoint(B builder, String endpoint,
                                                                 AwsCredentialsProvider credentials) {
        if (endpoint == null) {
            return builder.credentialsProvider(credentials);
        }
        return builder.endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }
}
