package com.cloudphone.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudphone.Backend;
import com.cloudphone.engine.Moto;
import com.cloudphone.event.EventBridgePublisher;
import com.cloudphone.handler.PublishEventsHandler;
import com.cloudphone.handler.PurgeSweepHandler;
import com.cloudphone.local.sfn.Sleeper;
import com.cloudphone.log.Log;
import com.cloudphone.service.Tokens;
import com.cloudphone.store.Table;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local stack: the same handler classes as in Lambda, behind an HTTP server that plays API Gateway (routes,
 * the JWT authorizer, payload 2.0 events), on moto: the table and its stream, the EventBridge bus the
 * publish-events function puts events on, the Secrets Manager secret the signing key is read from.
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

    static final String TABLE = "cloudphone-users";

    private final HttpServer server;
    private final LocalCloud cloud;
    private final ExecutorService workers;
    private final Backend backend;
    private final LocalBus bus;
    private final StreamMapping mapping;
    private final Object relaying = new Object();
    private final Gateway gateway;
    private final LocalWorkflow workflow;
    private final ScheduledExecutorService scheduler;
    private final String dataDescription;
    private final ConsoleFiles console;
    private volatile boolean closing;

    /**
     * {@code sweepEvery}: how often the purge sweep runs (the template's hourly schedule), null for never;
     * {@code dynamodbEndpoint}: another DynamoDB-compatible engine for the table, null for moto;
     * {@code relayEvery}: how often the stream is relayed to the bus, null for only when events are read.
     */
    public record Options(int port, Path dataDir, int bcryptCost, Clock clock, Sleeper sleeper, Duration sweepEvery,
                          URI dynamodbEndpoint, Duration relayEvery, List<String> corsOrigins) {
        public Options {
            corsOrigins = List.copyOf(corsOrigins);
        }

        public static Options defaults() {
            return new Options(3000, null, 10, Clock.systemUTC(), Sleeper.realTime(Clock.systemUTC()),
                    Duration.ofHours(1), null, Duration.ofMillis(100), List.of());
        }

        /** For tests: any free port, fast hashing, time under the test's control, no background sweep. */
        public static Options forTests(LocalClock clock) {
            return new Options(0, null, 4, clock, clock, null, null, Duration.ofMillis(100), List.of());
        }

        public Options withPort(int newPort) {
            return new Options(newPort, dataDir, bcryptCost, clock, sleeper, sweepEvery, dynamodbEndpoint, relayEvery,
                    corsOrigins);
        }

        public Options withData(Path dir) {
            return new Options(port, dir, bcryptCost, clock, sleeper, sweepEvery, dynamodbEndpoint, relayEvery,
                    corsOrigins);
        }

        public Options withDynamoDbEndpoint(URI endpoint) {
            return new Options(port, dataDir, bcryptCost, clock, sleeper, sweepEvery, endpoint, relayEvery, corsOrigins);
        }

        public Options withRelayEvery(Duration every) {
            return new Options(port, dataDir, bcryptCost, clock, sleeper, sweepEvery, dynamodbEndpoint, every,
                    corsOrigins);
        }

        /** One more origin CORS allows, beside the loopback ones. */
        public Options withCorsOrigin(String origin) {
            List<String> more = new ArrayList<>(corsOrigins);
            more.add(origin);
            return new Options(port, dataDir, bcryptCost, clock, sleeper, sweepEvery, dynamodbEndpoint, relayEvery,
                    more);
        }
    }

    /** The port is taken by another process. */
    public static final class PortInUse extends IOException {
        PortInUse(int port, Throwable cause) {
            super("port " + port + " is in use (is a stack already running? pick another with --port)", cause);
        }
    }

    private LocalStack(Options options, HttpServer server, LocalCloud cloud) throws Exception {
        this.server = server;
        this.cloud = cloud;
        this.dataDescription = options.dataDir() == null ? "in memory (gone when the stack stops; --data DIR keeps it)"
                : options.dataDir().toAbsolutePath().toString();
        Path root = projectRoot();
        Table table = new Table(cloud.dynamo, TABLE);
        table.createIfMissing();
        this.bus = new LocalBus(cloud.events, cloud.sqs, LocalBus.nameIn(root.resolve("template.yaml")));
        Tokens tokens = new Tokens(SigningKey.load(cloud.secrets, options.dataDir()), url().toString(),
                Duration.ofHours(1), options.clock());
        this.workflow = new LocalWorkflow(options.clock(), options.sleeper());
        this.backend = new Backend(table, tokens, new EventBridgePublisher(cloud.events, bus.name()), options.clock(),
                options.bcryptCost(), workflow);
        workflow.attach(backend, root);
        this.mapping = new StreamMapping(cloud.streams, cloud.dynamo, TABLE, new PublishEventsHandler(backend));
        // What the stream holds at start that is not on the bus yet was written before a crash and never
        // relayed: relay it now. What is on the bus already is not put there again (see docs/local.md). Without a
        // data folder, an engine the user runs may hold a stream of earlier runs: start at its end then.
        bus.drain();
        boolean keptHistory = options.dataDir() != null || cloud.ownsDatabase();
        mapping.catchUp(keptHistory ? bus::reached : eventId -> true);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sweep-and-events");
            t.setDaemon(true);
            return t;
        });
        if (options.sweepEvery() != null) {
            PurgeSweepHandler sweep = new PurgeSweepHandler(backend);
            long every = options.sweepEvery().toSeconds();
            // soon after start too (with a data folder, purges may have fallen due while the stack was down), but
            // after the start-up banner
            scheduler.scheduleAtFixedRate(() -> sweep.handleRequest(null, null), 2, every, TimeUnit.SECONDS);
        }
        if (options.relayEvery() != null) {
            long every = options.relayEvery().toMillis();
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    relay(false);
                } catch (RuntimeException e) {
                    if (!closing) {
                        Log.warn("event delivery failed; retrying", Map.of("exception", e.getClass().getName()));
                    }
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
        var devEvents = new DevEventsHandler(this::events);
        var routes = Gateway.routes(backend, devEvents, new HealthHandler(this::health));
        this.gateway = new Gateway(routes, tokens, new Cors(options.corsOrigins()));
        this.console = new ConsoleFiles(root.resolve("console"));
        this.workers = Executors.newFixedThreadPool(Math.max(8, Runtime.getRuntime().availableProcessors() * 4));
        server.createContext("/", this::serve);
        server.setExecutor(workers);
        server.start();
    }

    /**
     * Relays the stream to the bus (the publish-events function), then moves what reached it into the tap (only
     * when something was published or {@code drain}: moto serves one request at a time, so idle rounds stay small).
     */
    private void relay(boolean drain) {
        synchronized (relaying) {
            if (mapping.pump() > 0 || drain) {
                bus.drain();
            }
        }
    }

    /** Every event that reached the bus, after relaying what the stream holds. */
    public List<JsonNode> events() {
        relay(true);
        return bus.delivered();
    }

    private Map<String, Object> health() {
        String state = cloud.databaseState(TABLE);
        Map<String, Object> dynamodb = new LinkedHashMap<>();
        dynamodb.put("engine", cloud.ownsDatabase() ? "moto" : "external");
        dynamodb.put("endpoint", cloud.databaseEndpoint().toString());
        dynamodb.put("table", TABLE);
        dynamodb.put("state", state);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", state.equals("up") ? "ok" : "degraded");
        out.put("dynamodb", dynamodb);
        out.put("moto", Map.of("endpoint", cloud.motoEndpoint().toString(), "services",
                List.of("dynamodb", "dynamodbstreams", "events", "sqs", "secretsmanager")));
        out.put("eventBus", bus.name());
        out.put("data", dataDescription);
        return out;
    }


    /** Binds the port first: a port in use fails before anything starts. */
    public static LocalStack start(Options options) throws Exception {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 512);
        } catch (BindException e) {
            throw new PortInUse(options.port(), e);
        }
        LocalCloud cloud = null;
        try {
            cloud = LocalCloud.start(options.dataDir(), options.dynamodbEndpoint());
            return new LocalStack(options, server, cloud);
        } catch (Exception | Error e) {
            server.stop(0);
            if (cloud != null) {
                cloud.close();
            }
            throw e;
        }
    }

    /** The routes of template.yaml, plus the local-only ones. */
    static List<Route> routes(Backend backend) {
        return Gateway.routes(backend, null, null);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public URI databaseEndpoint() {
        return cloud.databaseEndpoint();
    }

    /** For the crash tests: moto dies at once, as with kill -9; the stack is then only good for closing. */
    void killEngine() {
        cloud.killEngine();
    }

    public Backend backend() {
        return backend;
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
            if (ConsoleFiles.isConfig(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath())) {
                console.sendConfig(exchange);
                return;
            }
            Path file = console.fileFor(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
            if (file != null) {
                console.send(exchange, file);
                return;
            }
            APIGatewayV2HTTPResponse response = gateway.answer(exchange);
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

    @Override
    public void close() throws Exception {
        closing = true;
        scheduler.shutdownNow();
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
        server.stop(0);
        workers.shutdownNow();
        workflow.shutdown();
        cloud.close();
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = StartOptions.parse(args, Options.defaults());
        } catch (StartOptions.Help help) {
            System.out.print(StartOptions.usage());
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("local/start: " + e.getMessage() + " (try --help)");
            System.exit(2);
            return;
        }
        LocalStack stack;
        try {
            stack = start(options);
        } catch (PortInUse | Moto.EngineMissing e) {
            System.err.println("local/start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (Exception e) {
            System.err.println("local/start: could not start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
            System.out.println("local stack stopped" + (options.dataDir() == null ? " (in-memory data discarded)"
                    : "; data kept in " + options.dataDir().toAbsolutePath()));
        }));
        System.out.printf("""
                Cloud phone user management, local stack
                  Console:   %s/   (open it in a browser)
                  API:       %s   (GET /health, GET /dev/events)
                  DynamoDB:  %s %s
                  data:      %s
                Open an account in the console, or get a token with README.md, "A first session with curl". Ctrl-C stops the stack.
                """, stack.url(), stack.url(), stack.cloud.ownsDatabase() ? "moto at" : "your endpoint", stack.databaseEndpoint(),
                stack.dataDescription);
    }
}
