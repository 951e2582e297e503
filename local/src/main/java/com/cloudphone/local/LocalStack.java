package com.cloudphone.local;

import java.nio.file.attribute.PosixFilePermissions;

import java.security.KeyPair;

import java.net.URLDecoder;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudphone.Backend;
import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.event.LocalEventBus;
import com.cloudphone.store.OutboxStream;
import com.cloudphone.handler.AddUserHandler;
import com.cloudphone.handler.AssignNumberHandler;
import com.cloudphone.handler.CallflowsHandler;
import com.cloudphone.handler.CallsHandler;
import com.cloudphone.handler.AgencyHandler;
import com.cloudphone.handler.DeleteUserHandler;
import com.cloudphone.handler.QueuesHandler;
import com.cloudphone.handler.ReleaseNumberHandler;
import com.cloudphone.handler.NumbersHandler;
import com.cloudphone.handler.SessionsHandler;
import com.cloudphone.handler.UsersHandler;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Log;
import com.cloudphone.service.Caller;
import com.cloudphone.service.Tokens;
import com.cloudphone.store.Table;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import com.cloudphone.handler.PurgeSweepHandler;
import com.cloudphone.local.sfn.Sleeper;

/**
 * The local stack: the same handler classes as in Lambda, behind an HTTP server that plays API Gateway (routes,
 * the JWT authorizer, payload 2.0 events), on DynamoDB Local and an in-process event bus.
 */
public final class LocalStack implements AutoCloseable {
    static {
        // The JDK server writes a response's headers and its body separately. With Nagle's algorithm on, the body
        // then waits for the client's delayed ACK (40 ms on Linux), whatever the load: see docs/benchmarks.md.
        // Read once, when the first server is created; -D still wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final LocalDatabase database;
    private final HttpServer server;
    private final ExecutorService workers;
    private final Backend backend;
    private final LocalEventBus bus;
    private final List<Route> routes;
    private final LocalWorkflow workflow;
    private final ScheduledExecutorService scheduler;

    /** {@code sweepEvery}: how often the purge sweep runs (the template's hourly schedule); null for never. */
    public record Options(int port, Path dataDir, int bcryptCost, Clock clock, Sleeper sleeper, Duration sweepEvery) {
        public static Options defaults() {
            return new Options(3000, null, 10, Clock.systemUTC(), Sleeper.realTime(Clock.systemUTC()), Duration.ofHours(1));
        }

        /** For tests: any free port, fast hashing, time under the test's control, no background sweep. */
        public static Options forTests(LocalClock clock) {
            return new Options(0, null, 4, clock, clock, null);
        }

        public Options withPort(int newPort) {
            return new Options(newPort, dataDir, bcryptCost, clock, sleeper, sweepEvery);
        }

        public Options withData(Path dir) {
            return new Options(port, dir, bcryptCost, clock, sleeper, sweepEvery);
        }
    }

    private LocalStack(Options options) throws Exception {
        this.database = LocalDatabase.start(options.dataDir());
        Table table = new Table(database.client(), "cloudphone-users");
        table.createIfMissing();
        this.bus = new LocalEventBus();
        Tokens tokens = new Tokens(signingKeys(options.dataDir()), "https://cloudphone.local", Duration.ofHours(1),
                options.clock());
        this.workflow = new LocalWorkflow(options.clock(), options.sleeper());
        this.backend = new Backend(table, tokens, bus, options.clock(), options.bcryptCost(), workflow);
        workflow.attach(backend, projectRoot());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sweep-and-events");
            t.setDaemon(true);
            return t;
        });
        if (options.sweepEvery() != null) {
            PurgeSweepHandler sweep = new PurgeSweepHandler(backend);
            long every = options.sweepEvery().toSeconds();
            // at once too: with a data folder, purges may have fallen due while the stack was down
            scheduler.scheduleAtFixedRate(() -> sweep.handleRequest(null, null), 0, every, TimeUnit.SECONDS);
        }
        bus.subscribe(e -> Log.info("event published", Map.of("type", e.type(), "accountId", e.accountId())));
        // the outbox as in AWS, with this process as the stream's consumer: events are read off the table's
        // stream every 100 ms, and before anyone reads the bus
        OutboxStream stream = new OutboxStream(database.streams(), table);
        stream.skipToEnd();
        Runnable delivery = () -> {
            synchronized (stream) {
                backend.relay.relay(stream.poll());
            }
        };
        bus.deliverBeforeReading(delivery);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                delivery.run();
            } catch (RuntimeException e) {
                Log.warn("event delivery failed; retrying", Map.of("exception", e.getClass().getName()));
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        this.routes = routes(backend);
        this.workers = Executors.newFixedThreadPool(Math.max(8, Runtime.getRuntime().availableProcessors() * 4));
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 512);
        server.createContext("/", this::serve);
        server.setExecutor(workers);
        server.start();
    }

    /**
     * In memory, a key for this run only. With a data folder, the key is kept there (owner-only file), so tokens
     * issued before a restart still work after it, as the data they speak for does.
     */
    private static KeyPair signingKeys(Path dataDir) throws IOException {
        if (dataDir == null) {
            return Tokens.generateKeys();
        }
        Path file = dataDir.resolve("signing-key.pem");
        if (Files.exists(file)) {
            return Tokens.fromPem(Files.readString(file));
        }
        KeyPair keys = Tokens.generateKeys();
        Files.createDirectories(dataDir);
        Files.writeString(file, Tokens.toPem(keys));
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the folder's own protection applies
        }
        return keys;
    }

    public static LocalStack start(Options options) throws Exception {
        return new LocalStack(options);
    }

    /** The routes of template.yaml, plus the local-only account opener. */
    static List<Route> routes(Backend backend) {
        var addUser = new AddUserHandler(backend);
        var users = new UsersHandler(backend);
        var numbers = new NumbersHandler(backend);
        var assign = new AssignNumberHandler(backend);
        var sessions = new SessionsHandler(backend);
        var queues = new QueuesHandler(backend);
        var callflows = new CallflowsHandler(backend);
        var release = new ReleaseNumberHandler(backend);
        var deleteUser = new DeleteUserHandler(backend);
        var calls = new CallsHandler(backend);
        var agency = new AgencyHandler(backend);
        return List.of(
                Route.of("POST /sessions", sessions, true),
                Route.of("POST /invitations/accept", sessions, true),
                Route.of("GET /.well-known/jwks.json", sessions, true),
                Route.of("GET /.well-known/openid-configuration", sessions, true),
                Route.of("POST /dev/accounts", new DevAccountsHandler(backend), true),
                Route.of("POST /dev/billing-events", new DevBillingHandler(backend), true),
                Route.of("POST /users", addUser, false),
                Route.of("GET /users", users, false),
                Route.of("GET /users/{userId}", users, false),
                Route.of("PATCH /users/{userId}", users, false),
                Route.of("GET /users/{userId}/contacts", users, false),
                Route.of("POST /numbers", numbers, false),
                Route.of("GET /numbers", numbers, false),
                Route.of("POST /numbers/{number}/contacts", numbers, false),
                Route.of("PUT /numbers/{number}/assignee", assign, false),
                Route.of("GET /users/{userId}/devices", users, false),
                Route.of("POST /users/{userId}/devices", users, false),
                Route.of("DELETE /users/{userId}/devices/{deviceId}", users, false),
                Route.of("POST /queues", queues, false),
                Route.of("GET /queues", queues, false),
                Route.of("DELETE /queues/{queueId}/members/{userId}", queues, false),
                Route.of("POST /callflows", callflows, false),
                Route.of("GET /callflows", callflows, false),
                Route.of("GET /callflows/{callflowId}", callflows, false),
                Route.of("POST /callflows/{callflowId}/reassign", callflows, false),
                Route.of("POST /callflows/{callflowId}/versions", callflows, false),
                Route.of("DELETE /callflows/{callflowId}/versions/{version}", callflows, false),
                Route.of("DELETE /callflows/{callflowId}", callflows, false),
                Route.of("POST /numbers/{number}/release", release, false),
                Route.of("POST /numbers/{number}/recycle", release, false),
                Route.of("GET /users/{userId}/deletion-blockers", deleteUser, false),
                Route.of("DELETE /users/{userId}", deleteUser, false),
                Route.of("POST /users/{userId}/offboarding", deleteUser, false),
                Route.of("GET /jobs/{jobId}", deleteUser, false),
                Route.of("POST /calls", calls, false),
                Route.of("GET /calls", calls, false),
                Route.of("GET /agency/users/{userId}/roles", agency, false),
                Route.of("PUT /agency/users/{userId}/roles", agency, false),
                Route.of("DELETE /agency/users/{userId}", agency, false));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public URI databaseEndpoint() {
        return database.endpoint();
    }

    public Backend backend() {
        return backend;
    }

    public LocalEventBus bus() {
        return bus;
    }

    public LocalWorkflow workflow() {
        return workflow;
    }

    /** The checkout's root: the nearest folder up from here that holds template.yaml. */
    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run the local stack from inside the project (no template.yaml found)");
        }
        return dir;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            APIGatewayV2HTTPResponse response = dispatch(exchange);
            byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            }
            exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private APIGatewayV2HTTPResponse dispatch(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(method, path);
            if (params.isPresent()) {
                APIGatewayV2HTTPEvent event = event(exchange, route, params.get());
                if (!route.isPublic()) {
                    try {
                        Caller caller = backend.tokens().verify(bearer(exchange));
                        event.getRequestContext().setAuthorizer(authorizer(caller));
                    } catch (ApiException e) {
                        return HttpFunction.error(e);
                    }
                }
                return route.function().handleRequest(event, null);
            }
        }
        return HttpFunction.error(new ApiException(ErrorCode.ROUTE_NOT_FOUND, "No route " + method + " " + path));
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required");
        }
        return header.substring(7).trim();
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(Caller caller) {
        Map<String, String> claims = new HashMap<>();
        claims.put("sub", caller.userId());
        claims.put("accountId", caller.accountId());
        claims.put("role", caller.role());
        claims.put("iat", Long.toString(caller.issuedAt() / 1000));
        claims.put(Tokens.ISSUED_AT_MS, Long.toString(caller.issuedAt()));
        return APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                .build();
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, Route route, Map<String, String> params)
            throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(uri.getRawPath())
                .withRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery())
                .withQueryStringParameters(query(uri.getRawQuery()))
                .withHeaders(headers)
                .withPathParameters(params.isEmpty() ? null : params)
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey(route.routeKey())
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod())
                                .withPath(uri.getRawPath())
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .build())
                        .build())
                .build();
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.merge(key, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    @Override
    public void close() throws Exception {
        server.stop(0);
        workers.shutdownNow();
        scheduler.shutdownNow();
        workflow.shutdown();
        database.close();
    }

    public static void main(String[] args) throws Exception {
        Options defaults = Options.defaults();
        int port = defaults.port();
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("usage: local/start [--port 3000] [--data DIR]   (in memory unless --data is given)");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        LocalStack stack = start(defaults.withPort(port).withData(data));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }));
        System.out.printf("""
                Cloud phone user management, local stack
                  API:       %s
                  DynamoDB:  %s (%s)
                Get a token by opening an account:
                  curl -s -X POST %s/dev/accounts -H 'content-type: application/json' \\
                       -d '{"name":"Acme","plan":"TEAM","paid":true,"ownerUsername":"owner","ownerPassword":"Owner-pass-1"}'
                then send it as 'Authorization: Bearer <token>'. Ctrl-C stops the stack.
                """, stack.url(), stack.databaseEndpoint(), data == null ? "in memory" : "data in " + data.toAbsolutePath(),
                stack.url());
    }
}
