package com.cloudphone.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudphone.Backend;
import com.cloudphone.engine.Moto;
import com.cloudphone.event.LocalEventBus;
import com.cloudphone.handler.AddUserHandler;
import com.cloudphone.local.LocalStack;
import com.cloudphone.model.Plan;
import com.cloudphone.service.AccountService;
import com.cloudphone.service.Tokens;
import com.cloudphone.store.Table;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Add-user latency against the number of items in the table. For each size, the table is first seeded up to it
 * with realistic accounts ({@link Seeder}), then add-user runs {@code samples} times as an INTERNAL user (bcrypt
 * at the local stack's cost, 10) and {@code invited} times as an INVITED one (no password to hash, so the engine
 * and our code dominate), into one bench account, one request at a time. The samples' own items stay, so each
 * step prints the table's size at its start and end.
 *
 * <p>{@code --via http} (default): the local stack in this process, on its own moto (the project's launcher), and
 * {@code POST /users} over HTTP with the owner's token. {@code --via handler}: the same {@link AddUserHandler}
 * called with the event the stack would build, no HTTP. {@code --endpoint URL} (implies handler): a Backend wired
 * as the stack wires it, on another DynamoDB engine (the stock, threaded moto_server, for reference); the seed is
 * then written on a scratch launcher and copied over with BatchWriteItem, since seeding through transactions on
 * an engine that copies the table per transaction grows with the square of the size.
 *
 * <p>Usage: {@code TableSize [--sizes 0,1000,5000,20000] [--samples 100] [--invited 30] [--warmups 10]
 * [--via http|handler] [--endpoint URL] [--log FILE]}
 */
public final class TableSize {
    private static final String TABLE = "cloudphone-users";
    /** The report; the stack's own log lines (one per request) go to the --log file instead. */
    private static final PrintStream OUT = System.out;
    private static final StaticCredentialsProvider LOCAL =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    private TableSize() {
    }

    /** One add-user, with its body; returns the status. */
    interface AddUser {
        int add(String body) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(0, 1_000, 5_000, 20_000);
        int samples = 100;
        int invited = 30;
        int warmups = 10;
        boolean http = true;
        String endpoint = null;
        String log = "bench/target/table-size-stack.log";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--invited" -> invited = Integer.parseInt(args[++i]);
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--via" -> http = switch (args[++i]) {
                    case "http" -> true;
                    case "handler" -> false;
                    default -> throw new IllegalArgumentException("--via http|handler");
                };
                case "--endpoint" -> endpoint = args[++i];
                case "--log" -> log = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (endpoint != null) {
            http = false;
        }
        System.setOut(new PrintStream(new FileOutputStream(log), true, StandardCharsets.UTF_8));

        LocalStack stack = null;
        Moto scratch = null;
        try {
            Backend measured;
            Backend seeding;
            if (endpoint == null) {
                stack = LocalStack.start(LocalStack.Options.defaults().withPort(0));
                measured = stack.backend();
                seeding = measured;
                OUT.printf("engine: the local stack's moto (moto_serve.py, one request at a time) at %s%n",
                        stack.databaseEndpoint());
            } else {
                measured = backendOn(URI.create(endpoint));
                scratch = Moto.start(null, 0);
                seeding = backendOn(scratch.endpoint());
                OUT.printf("engine: %s; the seed is written on a scratch moto_serve.py at %s and copied%n",
                        endpoint, scratch.endpoint());
            }
            OUT.printf("the stack's log: %s%n", log);
            OUT.printf("add-user via %s; %d INTERNAL and %d INVITED samples per size, after %d unmeasured of each%n",
                    http ? "HTTP (POST /users on the local stack)" : "AddUserHandler.handleRequest in process",
                    samples, invited, warmups);

            AccountService.Opened bench = measured.accounts.open("Table size bench", Plan.TEAM, true, 10_000,
                    "ts-owner", "Owner-pass-1");
            String ownerId = bench.owner().userId();
            String accountId = bench.account().accountId();
            // Over HTTP, a new client (so new connections) after each seeding: the JDK server closes a connection
            // idle for 30 s, and a client does not retry a POST on a connection that closed under it.
            Supplier<AddUser> adders;
            if (http) {
                String token = measured.tokens().issue(ownerId, accountId, "ADMIN").token();
                URI url = stack.url();
                adders = () -> overHttp(url, token);
            } else {
                AddUserHandler handler = new AddUserHandler(measured);
                int[] request = {0};
                AddUser direct = body -> {
                    APIGatewayV2HTTPResponse r = handler.handleRequest(
                            AddUserProbe.event(body, ownerId, accountId, "ts-" + ++request[0]), null);
                    return r.getStatusCode();
                };
                adders = () -> direct;
            }
            AddUser adder = adders.get();

            int[] next = {0};
            for (int i = 0; i < warmups; i++) {
                time(adder, internal(++next[0]));
                time(adder, invited(++next[0]));
            }

            Seeder seeder = new Seeder(seeding);
            OUT.printf("%n%8s %8s %8s | %-38s | %-26s%n", "size", "at start", "at end",
                    "INTERNAL ms: p50   p90   p99   max", "INVITED ms: p50   p90   max");
            double internalP50At = -1;
            long internalP99At = -1;
            for (int size : sizes) {
                long seedStarted = System.nanoTime();
                long have = count(measured.table);
                if (size > have) {
                    seeder.add(size - have);
                    if (seeding != measured) {
                        copy(seeding.table, measured.table);
                    }
                }
                long atStart = count(measured.table);
                long seedMs = (System.nanoTime() - seedStarted) / 1_000_000;
                adder = adders.get();
                long[] in = new long[samples];
                long[] inv = new long[invited];
                for (int i = 0, j = 0; i < samples || j < invited; ) {
                    // interleaved, so both kinds see the same table and the same machine
                    if (i < samples) {
                        in[i++] = time(adder, internal(++next[0]));
                    }
                    if (j < invited && (long) j * samples <= (long) i * invited) {
                        inv[j++] = time(adder, invited(++next[0]));
                    }
                }
                long atEnd = count(measured.table);
                OUT.printf("%8d %8d %8d |             %5.1f %5.1f %5.1f %5.1f | %15.1f %5.1f %5.1f   (seeded in %.1f s)%n",
                        size, atStart, atEnd, ms(pct(in, 50)), ms(pct(in, 90)), ms(pct(in, 99)), ms(pct(in, 100)),
                        ms(pct(inv, 50)), ms(pct(inv, 90)), ms(pct(inv, 100)), seedMs / 1000.0);
                internalP50At = ms(pct(in, 50));
                internalP99At = Math.round(ms(pct(in, 99)));
            }
            OUT.printf("%nat the largest size: INTERNAL add-user p50 %.1f ms, p99 %d ms; target under 100 ms%n",
                    internalP50At, internalP99At);
        } finally {
            if (stack != null) {
                stack.close();
            }
            if (scratch != null) {
                scratch.close();
            }
        }
    }

    static String internal(int n) {
        return """
                {"kind": "INTERNAL", "username": "ts.user%d", "password": "Welcome-2026", "displayName": "Table Size %d", \
                "extension": "%d", "timezone": "America/Chicago"}""".formatted(n, n, 100_000 + n);
    }

    static String invited(int n) {
        return """
                {"kind": "INVITED", "email": "ts.user%d@example.com", "displayName": "Table Size %d", \
                "extension": "%d", "timezone": "America/Chicago"}""".formatted(n, n, 100_000 + n);
    }

    /** Nanoseconds one add-user took; anything but a 201 stops the run. */
    static long time(AddUser adder, String body) throws Exception {
        long started = System.nanoTime();
        int status = adder.add(body);
        long took = System.nanoTime() - started;
        if (status != 201) {
            throw new IllegalStateException("add-user answered " + status + " to " + body);
        }
        return took;
    }

    static AddUser overHttp(URI base, String token) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI users = base.resolve("/users");
        return body -> client.send(HttpRequest.newBuilder(users)
                        .header("authorization", "Bearer " + token)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** What {@code LocalStack} builds around its table, on another engine: same services, local bus, cost 10. */
    static Backend backendOn(URI endpoint) {
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1).credentialsProvider(LOCAL).endpointOverride(endpoint).build();
        Table table = new Table(dynamo, TABLE);
        table.createIfMissing();
        Tokens tokens = new Tokens(Tokens.generateKeys(), "https://cloudphone.local", Duration.ofHours(1),
                Clock.systemUTC());
        return new Backend(table, tokens, new LocalEventBus(), Clock.systemUTC(), 10, (name, input) -> {
            throw new IllegalStateException("no workflow in this benchmark");
        });
    }

    static long count(Table table) {
        return table.client().scanPaginator(b -> b.tableName(table.name()).select(Select.COUNT)).stream()
                .mapToLong(page -> page.count()).sum();
    }

    /** Every item of {@code from} put into {@code to} (puts of items already there change nothing). */
    static void copy(Table from, Table to) {
        List<WriteRequest> batch = new ArrayList<>();
        for (var page : from.client().scanPaginator(b -> b.tableName(from.name()))) {
            for (Map<String, AttributeValue> item : page.items()) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                if (batch.size() == 25) {
                    write(to, batch);
                }
            }
        }
        if (!batch.isEmpty()) {
            write(to, batch);
        }
    }

    private static void write(Table to, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> left = Map.of(to.name(), List.copyOf(batch));
        while (!left.isEmpty()) {
            Map<String, List<WriteRequest>> request = left;
            left = to.client().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
        batch.clear();
    }

    /** Nearest-rank percentile, in nanoseconds; 100 is the maximum. */
    static long pct(long[] values, int p) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
