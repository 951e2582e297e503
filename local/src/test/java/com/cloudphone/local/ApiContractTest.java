package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every request the console can make, and every answer, held to docs/openapi.yaml with Atlassian's OpenAPI
 * validator: the README's two sessions (run with bash as a reader would), every other route, and the main error
 * cases, all through a recording proxy in front of the local stack. Requests that got a 2xx must be valid
 * requests of the document, every answer on a documented route must be a documented answer (and one off every
 * route, a 404 or a 405, the document's Error), every documented operation must have answered 2xx at least once,
 * and every request the document already rejects by its schemas must also be refused by the handler. The service's
 * error codes are the document's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiContractTest extends StackTest {
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
            "expect", "upgrade", "keep-alive", "date");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final SchemaValidator ERROR_SCHEMA = errorSchemaValidator();

    record Exchange(String method, String path, String query, Map<String, List<String>> requestHeaders,
                    String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody) {
        String line() {
            return method + " " + path + (query == null ? "" : "?" + query) + " -> " + status;
        }
    }

    private static HttpServer proxy;
    private static final List<Exchange> RECORDED = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", ApiContractTest::forward);
        proxy.start();
        http = new Http(URI.create("http://127.0.0.1:" + proxy.getAddress().getPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.stop(0);
    }

    private static void forward(HttpExchange exchange) {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = exchange.getRequestURI();
            HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(stack.url() + uri.getRawPath()
                            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            Map<String, List<String>> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> {
                requestHeaders.put(name, values);
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> out.header(name, v));
                }
            });
            HttpResponse<byte[]> answer = CLIENT.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, List<String>> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    responseHeaders.put(name, values);
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            RECORDED.add(new Exchange(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), requestHeaders,
                    new String(body, StandardCharsets.UTF_8), answer.statusCode(), responseHeaders,
                    new String(answer.body(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(answer.body());
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("proxy: " + e, e);
        }
    }

    @Test
    @Order(1)
    void everyRouteAndErrorMatchesTheDocument() throws Exception {
        readmeSessions();
        everyOtherRoute();
        JsonNode document = TemplateRoutesTest.document();
        Set<String> documented = TemplateRoutesTest.operations(document).keySet();
        List<Route> routes = LocalStack.routes(stack.backend());
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(Files.readString(LocalStack.projectRoot().resolve("docs/openapi.yaml")))
                .withBasePathOverride("/")
                .build();

        List<String> problems = new ArrayList<>();
        Map<String, Set<Integer>> statuses = new TreeMap<>();
        int validated = 0;
        int skippedLocalOnly = 0;
        int offRoute = 0;
        List<Exchange> recorded;
        synchronized (RECORDED) {
            recorded = List.copyOf(RECORDED);
        }
        for (Exchange e : recorded) {
            String routeKey = routes.stream().filter(r -> r.match(e.method(), e.path()).isPresent())
                    .map(Route::routeKey).findFirst().orElse(null);
            if (routeKey == null) {
                offRoute++;
                problems.addAll(offRouteProblems(e));
                continue;
            }
            if (TemplateRoutesTest.LOCAL_ONLY.contains(routeKey)) {
                skippedLocalOnly++;
                continue;
            }
            assertTrue(documented.contains(routeKey), routeKey);
            validated++;
            statuses.computeIfAbsent(routeKey, k -> new TreeSet<>()).add(e.status());
            Request request = request(e);
            ValidationReport requestReport = validator.validateRequest(request);
            ValidationReport responseReport = validator.validateResponse(e.path(), Request.Method.valueOf(e.method()),
                    response(e));
            if (e.status() < 300 && requestReport.hasErrors()) {
                problems.add(e.line() + ": the handler took a request the document refuses\n"
                        + e.requestBody() + "\n" + requestReport.getMessages());
            }
            if (responseReport.hasErrors()) {
                problems.add(e.line() + ": an answer the document does not describe\n" + e.responseBody() + "\n"
                        + responseReport.getMessages());
            }
        }
        Set<String> neverOk = new TreeSet<>(documented);
        statuses.forEach((route, codes) -> {
            if (codes.stream().anyMatch(c -> c >= 200 && c < 300)) {
                neverOk.remove(route);
            }
        });
        long errors = recorded.stream().filter(e -> e.status() >= 400).count();
        System.out.printf("ApiContractTest: %d exchanges on %d documented operations validated (%d errors among them), "
                + "%d off every route held to the Error schema, %d on local-only routes left out%n", validated,
                statuses.size(), errors, offRoute, skippedLocalOnly);
        assertEquals(List.of(), problems, String.join("\n\n", problems));
        assertEquals(Set.of(), neverOk, "documented operations that never answered 2xx here");
        assertTrue(statuses.values().stream().flatMap(Set::stream).collect(Collectors.toSet())
                .containsAll(Set.of(400, 401, 403, 404, 409, 422)), "error answers seen: " + statuses);
        assertTrue(recorded.stream().anyMatch(e -> e.status() == 405), "a 405 was among the exchanges");
    }

    /**
     * An answer to a request no route takes (no path: 404, a known path with another method: 405) is described by
     * no operation, but it is still an error of the API: its body must be the document's Error, and a 405 names
     * the methods the path takes in Allow.
     */
    private static List<String> offRouteProblems(Exchange e) {
        List<String> problems = new ArrayList<>();
        if (e.status() != 404 && e.status() != 405) {
            problems.add(e.line() + ": off every route, only 404 or 405 may answer");
        }
        ValidationReport report = ERROR_SCHEMA.validate(e.responseBody(),
                new Schema<>().$ref("#/components/schemas/Error"), "response.body");
        if (report.hasErrors()) {
            problems.add(e.line() + ": not the document's Error\n" + e.responseBody() + "\n" + report.getMessages());
        }
        if (e.status() == 405 && e.responseHeaders().getOrDefault("allow", List.of()).isEmpty()) {
            problems.add(e.line() + ": a 405 without Allow");
        }
        return problems;
    }

    /** Every code the service can answer with is in the document's Error code enum, and the other way round. */
    @Test
    @Order(3)
    void theErrorCodesAreTheDocumentsEnum() throws Exception {
        JsonNode codes = TemplateRoutesTest.document()
                .at("/components/schemas/Error/properties/error/properties/code/enum");
        Set<String> documented = new TreeSet<>();
        codes.forEach(c -> documented.add(c.asText()));
        Set<String> served = java.util.Arrays.stream(com.cloudphone.error.ErrorCode.values()).map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(documented, served);
    }

    /** Every event the run put on the bus, as the local bus (moto's EventBridge) delivered it, fits its schema. */
    @Test
    @Order(2)
    void everyEventOnTheBusMatchesItsSchema() throws Exception {
        assertTrue(!RECORDED.isEmpty(), "runs after the routes test, over the events its calls published");
        JsonNode events = expect(200, new Http(stack.url()).get("/dev/events", null)).body().path("events");
        Set<String> types = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode event : events) {
            types.add(event.path("detail-type").asText());
            List<String> wrong = com.cloudphone.event.EventSchemas.problems(event.toString());
            if (!wrong.isEmpty()) {
                problems.add(wrong + "\n" + event);
            }
        }
        System.out.printf("ApiContractTest: %d events of %d types checked against events/schemas%n", events.size(),
                types.size());
        assertEquals(List.of(), problems, String.join("\n\n", problems));
        assertTrue(types.size() >= 15, "event types seen: " + types);
    }

    private static SchemaValidator errorSchemaValidator() {
        try {
            ParseOptions resolve = new ParseOptions();
            resolve.setResolve(true);
            OpenAPI api = new OpenAPIV3Parser().readContents(Files.readString(LocalStack.projectRoot()
                    .resolve("docs/openapi.yaml")), null, resolve).getOpenAPI();
            return new SchemaValidator(api, new MessageResolver());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Request request(Exchange e) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(e.method(), e.path());
        e.requestHeaders().forEach((name, values) -> b.withHeader(name, values));
        if (e.query() != null) {
            for (String pair : e.query().split("&")) {
                String[] kv = pair.split("=", 2);
                b.withQueryParam(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        if (!e.requestBody().isEmpty()) {
            b.withBody(e.requestBody());
        }
        return b.build();
    }

    private static SimpleResponse response(Exchange e) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(e.status());
        e.responseHeaders().forEach((name, values) -> b.withHeader(name, values));
        if (!e.responseBody().isEmpty()) {
            b.withBody(e.responseBody());
        }
        return b.build();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void readmeSessions() throws Exception {
        String readme = Files.readString(LocalStack.projectRoot().resolve("README.md"));
        StringBuilder script = new StringBuilder("set -eu\n");
        for (String heading : ReadmeSessionsTest.SECTIONS) {
            script.append(ReadmeSessionsTest.shBlock(readme, heading)).append('\n');
        }
        Path file = Files.createTempFile("readme-contract", ".sh");
        try {
            Files.writeString(file, script.toString().replace("http://127.0.0.1:3000",
                    "http://127.0.0.1:" + proxy.getAddress().getPort()));
            Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
            String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(bash.waitFor(120, TimeUnit.SECONDS), out);
            assertEquals(0, bash.exitValue(), out);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The routes the README leaves out, and the main error of each kind. */
    private static void everyOtherRoute() {
        expect(200, http.get("/.well-known/jwks.json", null));
        expect(200, http.get("/.well-known/openid-configuration", null));

        Console c = new Console(http, "contract", "TEAM", true);
        String alex = c.user("contract-alex", "2001");
        String kim = c.user("contract-kim", "2002");
        expect(200, http.get("/users", c.token));
        expect(200, http.get("/me", c.token));
        expect(200, http.get("/jobs", c.token));
        expect(200, http.get("/jobs?status=RUNNING", c.token));
        expect(200, http.call("DELETE", "/users/" + c.user("contract-lee", "2003"), c.token, null));
        expect(200, http.get("/users/" + alex, c.token));
        expect(200, http.call("PATCH", "/users/" + alex, c.token, "{\"displayName\":\"Alex R\",\"timezone\":\"Europe/London\","
                + "\"businessHours\":{\"MONDAY\":{\"open\":\"09:00\",\"close\":\"17:00\"}}}"));
        Http.Answer invited = expect(201, http.post("/users", c.token,
                "{\"kind\":\"INVITED\",\"email\":\"robin@contract.test\",\"displayName\":\"Robin\"}"));
        Http.Answer resent = expect(200, http.post("/users/" + invited.text("userId") + "/invitation", c.token, null));
        expect(201, http.post("/invitations/accept", null, "{\"token\":\"" + resent.text("invitationToken")
                + "\",\"password\":\"Robin-pass-1\"}"));

        String n1 = c.number("+14155550301");
        String n2 = c.number("+14155550302");
        String n3 = c.number("+14155550303");
        c.assign(n1, alex);
        expect(201, http.post("/numbers/" + n1.replace("+", "%2B") + "/contacts", c.token,
                "{\"name\":\"Dana\",\"phone\":\"+13125550100\"}"));
        expect(200, http.get("/users/" + alex + "/contacts", c.token));
        expect(200, http.get("/numbers?state=ASSIGNED", c.token));
        expect(200, http.get("/numbers", c.token));
        c.assign(n2, kim);
        expect(200, http.post("/numbers/" + n2.replace("+", "%2B") + "/recycle", c.token, null));
        expect(200, http.post("/numbers/" + n3.replace("+", "%2B") + "/release", c.token,
                "{\"contactsHeir\":\"" + n1 + "\"}"));

        String queue = c.queue("Contract queue", alex, kim);
        expect(200, http.get("/queues", c.token));
        expect(200, http.call("DELETE", "/queues/" + queue + "/members/" + kim, c.token, null));

        String a = c.direct("Alex direct", alex, c.number("+14155550304"));
        String b = c.direct("Kim direct", kim, c.number("+14155550305"));
        String group = c.group("Contract group", new String[0], alex, kim);
        expect(200, http.get("/callflows", c.token));
        expect(200, http.get("/callflows/" + a, c.token));
        expect(200, http.post("/callflows/" + a + "/reassign", c.token, "{\"targetCallflowId\":\"" + b + "\"}"));
        expect(201, http.post("/callflows/" + group + "/versions", c.token, "{\"dialUserIds\":[\"" + alex + "\"]}"));
        expect(200, http.call("DELETE", "/callflows/" + group + "/versions/1", c.token, null));
        expect(204, http.call("DELETE", "/callflows/" + a, c.token, null));

        String device = c.device(kim, "DESK_PHONE", "Front desk");
        expect(200, http.get("/users/" + kim + "/devices", c.token));
        c.call("+13125550111", "+14155550304", alex, 42, "2026-11-23T15:00:00Z");
        expect(200, http.get("/calls", c.token));
        expect(200, http.get("/calls?userId=" + alex, c.token));

        // the main errors, one of each kind
        // paging: a first page and its cursor (a string), the page it leads to (the last: null), and both refused
        for (String list : List.of("/users", "/numbers", "/queues", "/callflows", "/calls", "/jobs")) {
            Http.Answer first = expect(200, http.get(list + "?limit=1", c.token));
            if (!first.body().path("nextCursor").isNull()) {
                expect(200, http.get(list + "?limit=100&cursor=" + first.text("nextCursor"), c.token));
            }
            expect(400, http.get(list + "?limit=0", c.token));
            expect(400, http.get(list + "?cursor=not-one-of-ours", c.token));
        }
        expect(400, http.post("/users", c.token, "{\"kind\":\"INTERNAL\",\"displayName\":\"No login\"}"));
        expect(400, http.post("/users", c.token, "{\"kind\":\"ROBOT\",\"username\":\"r2\",\"displayName\":\"R2\"}"));
        expect(400, http.post("/numbers", c.token, "{\"number\":\"415-555\"}"));
        expect(400, http.post("/numbers", c.token, "{\"number\":"));
        expect(400, http.post("/queues", c.token, "{\"name\":\"Q\",\"colour\":\"red\"}"));
        expect(400, http.get("/numbers?state=LOST", c.token));
        expect(400, http.call("DELETE", "/callflows/" + b + "/versions/zero", c.token, null));
        expect(401, http.get("/users", null));
        expect(401, http.get("/users", "not-a-token"));
        expect(401, http.post("/sessions", null, "{\"username\":\"contract-alex\",\"password\":\"Wrong-pass-9\"}"));
        String userToken = http.signIn("contract-alex", "Welcome-2026");
        expect(403, http.post("/users", userToken, "{\"kind\":\"INTERNAL\",\"username\":\"sneaky\",\"password\":"
                + "\"Welcome-2026\",\"displayName\":\"Sneaky\"}"));
        expect(404, http.get("/users/no-such-user", c.token));
        expect(404, http.get("/jobs/no-such-job", c.token));
        expect(404, http.get("/no-such-route", c.token));
        expect(405, http.call("PUT", "/users", c.token, "{}"));
        expect(405, http.call("DELETE", "/users", null, null));
        expect(409, http.post("/numbers", c.token, "{\"number\":\"" + n1 + "\"}"));
        expect(409, http.call("DELETE", "/users/" + kim, c.token, null));
        expect(409, http.call("DELETE", "/callflows/" + b, c.token, null));
        expect(204, http.call("DELETE", "/users/" + kim + "/devices/" + device, c.token, null));
        Map<String, String> key = Map.of("Idempotency-Key", "contract-key-0001");
        expect(201, http.call("POST", "/numbers", c.token, "{\"number\":\"+14155550306\"}", key));
        expect(201, http.call("POST", "/numbers", c.token, "{\"number\":\"+14155550306\"}", key));
        expect(422, http.call("POST", "/numbers", c.token, "{\"number\":\"+14155550307\"}", key));
        expect(400, http.call("POST", "/numbers", c.token, "{\"number\":\"+14155550308\"}",
                Map.of("Idempotency-Key", "short")));

        agency();
    }

    private static void agency() {
        Http.Answer agency = expect(201, http.post("/dev/accounts", null, "{\"name\":\"Contract Agency\",\"plan\":\"TEAM\","
                + "\"paid\":true,\"agency\":true,\"ownerUsername\":\"contract-agent\",\"ownerPassword\":\"Owner-pass-1\"}"));
        String agencyToken = agency.text("token");
        Http.Answer sub = expect(201, http.post("/dev/accounts", null, "{\"name\":\"Contract Clinic\",\"plan\":\"TEAM\","
                + "\"paid\":true,\"parentAccountId\":\"" + agency.text("accountId")
                + "\",\"ownerUsername\":\"contract-clinic\",\"ownerPassword\":\"Owner-pass-1\"}"));
        Console agencyConsole = new Console(http, agencyToken, agency.text("accountId"));
        String pat = agencyConsole.user("contract-pat", "3001");
        expect(200, http.get("/agency/users/" + pat + "/roles", agencyToken));
        expect(200, http.call("PUT", "/agency/users/" + pat + "/roles", agencyToken,
                "{\"roles\":{\"" + sub.text("accountId") + "\":\"USER\"}}"));
        expect(400, http.call("PUT", "/agency/users/" + pat + "/roles", agencyToken,
                "{\"roles\":{\"" + sub.text("accountId") + "\":\"OWNER\"}}"));
        expect(403, http.get("/agency/users/" + pat + "/roles", sub.text("token")));
        expect(200, http.get("/agency/users", agencyToken));
        expect(403, http.get("/agency/users", sub.text("token")));
        expect(400, http.post("/sessions", null, "{\"username\":\"contract-pat\",\"password\":\"Welcome-2026\"}"));
        Http.Answer removal = expect(202, http.call("DELETE", "/agency/users/" + pat, agencyToken, null));
        agencyConsole.awaitJob(removal.text("jobId"), job -> !job.path("status").asText().equals("RUNNING"));
    }

    private static Http.Answer expect(int status, Http.Answer answer) {
        assertEquals(status, answer.status(), answer.raw());
        return answer;
    }
}
