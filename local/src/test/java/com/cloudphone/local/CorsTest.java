package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack's CORS, as the HttpApi's (x-amazon-apigateway-cors in docs/openapi.yaml): loopback origins by
 * default, any given with --cors-origin, and never an origin merely reflected.
 */
class CorsTest {
    private static final String APP = "https://app.example";
    private static LocalStack stack;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        LocalStack.Options options = StartOptions.parse(new String[] {"--cors-origin", APP,
                "--cors-origin=http://tools.example:8080"}, LocalStack.Options.forTests(new LocalClock(Instant.now())));
        stack = LocalStack.start(options);
        http = new Http(stack.url());
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    private static Http.Answer preflight(String origin) {
        return http.call("OPTIONS", "/users", null, null, Map.of("Origin", origin,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type,idempotency-key"));
    }

    private static Set<String> list(String header) {
        return header == null ? Set.of() : Arrays.stream(header.split(",")).map(String::trim)
                .map(s -> s.toLowerCase()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(v -> out.add(v.asText().toLowerCase()));
        return out;
    }

    @Test
    void aPreflightFromALoopbackOriginIsAnsweredAsTheHttpApiWould() throws Exception {
        JsonNode cors = TemplateRoutesTest.document().path("x-amazon-apigateway-cors");
        for (String origin : List.of("http://localhost:5173", "http://127.0.0.1:8080", "http://localhost:3000")) {
            Http.Answer answer = preflight(origin);
            assertEquals(204, answer.status(), origin + ": " + answer.raw());
            assertEquals(origin, answer.header("access-control-allow-origin"), origin);
            assertEquals(texts(cors.path("allowMethods")), list(answer.header("access-control-allow-methods")));
            assertEquals(texts(cors.path("allowHeaders")), list(answer.header("access-control-allow-headers")));
            assertEquals(cors.path("maxAge").asText(), answer.header("access-control-max-age"));
            assertTrue(list(answer.header("vary")).contains("origin"), "vary: " + answer.header("vary"));
            assertNull(answer.header("access-control-allow-credentials"), "the token is a header, never a cookie");
        }
    }

    @Test
    void anyOtherOriginGetsNoAllowOrigin() {
        for (String origin : List.of("https://evil.example", "http://localhost.evil.example:5173",
                "http://127.0.0.1.evil.example", "http://evil.example:3000", "https://localhost:5173", "null",
                "http://localhost:5173/", "http://localhost:5173 https://evil.example", "https://app.example:8443",
                "http://app.example")) {
            Http.Answer answer = preflight(origin);
            assertNull(answer.header("access-control-allow-origin"), origin);
            assertNull(answer.header("access-control-allow-methods"), origin);
            Http.Answer get = http.call("GET", "/health", null, null, Map.of("Origin", origin));
            assertEquals(200, get.status(), get.raw());
            assertNull(get.header("access-control-allow-origin"), origin);
        }
    }

    @Test
    void anAnswerToAnAllowedOriginNamesItAndVariesByOrigin() {
        Http.Answer health = http.call("GET", "/health", null, null, Map.of("Origin", "http://localhost:5173"));
        assertEquals(200, health.status(), health.raw());
        assertEquals("http://localhost:5173", health.header("access-control-allow-origin"));
        assertTrue(list(health.header("vary")).contains("origin"), "vary: " + health.header("vary"));
        // an error too, or the page could not read why it was refused
        Http.Answer refused = http.call("GET", "/users", null, null, Map.of("Origin", "http://127.0.0.1:5173"));
        assertEquals(401, refused.status(), refused.raw());
        assertEquals("http://127.0.0.1:5173", refused.header("access-control-allow-origin"));
        Http.Answer noOrigin = http.get("/health", null);
        assertNull(noOrigin.header("access-control-allow-origin"));
    }

    @Test
    void anOriginGivenWithCorsOriginIsAllowedToo() {
        for (String origin : List.of(APP, "http://tools.example:8080")) {
            Http.Answer answer = preflight(origin);
            assertEquals(204, answer.status(), answer.raw());
            assertEquals(origin, answer.header("access-control-allow-origin"), origin);
            String body = "{\"name\":\"Cors Co\",\"plan\":\"TEAM\",\"paid\":true,\"ownerUsername\":\"cors-"
                    + origin.length() + "\",\"ownerPassword\":\"Owner-pass-1\"}";
            Http.Answer opened = http.call("POST", "/dev/accounts", null, body, Map.of("Origin", origin));
            assertEquals(201, opened.status(), opened.raw());
            assertEquals(origin, opened.header("access-control-allow-origin"), origin);
        }
    }

    @Test
    void corsOriginTakesAnOriginOnly() {
        LocalStack.Options defaults = LocalStack.Options.defaults();
        for (String bad : List.of("*", "null", "app.example", "https://app.example/console", "https://a@app.example",
                "https://app.example?x=1", "ftp://app.example", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StartOptions.parse(new String[] {"--cors-origin", bad}, defaults), bad);
            assertTrue(e.getMessage().startsWith("--cors-origin takes an origin"), e.getMessage());
        }
    }
}
