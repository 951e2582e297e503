package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every answer of the local API, whoever gives it (a function, the stack's authorizer, its routing, its own dev
 * routes, a preflight), is stored by no cache and never sniffed; the console's files keep their own caching.
 */
class ApiHeadersTest extends StackTest {
    private static void check(String what, Http.Answer answer, List<String> problems) {
        if (!"no-store".equals(answer.header("cache-control"))) {
            problems.add(what + " -> " + answer.status() + ": cache-control " + answer.header("cache-control"));
        }
        if (!"nosniff".equals(answer.header("x-content-type-options"))) {
            problems.add(what + " -> " + answer.status() + ": x-content-type-options "
                    + answer.header("x-content-type-options"));
        }
    }

    @Test
    void everyKindOfApiAnswerIsNeitherStoredNorSniffed() {
        List<String> problems = new ArrayList<>();
        Http.Answer opened = http.openAccount("Headers Co", "TEAM", "headers-owner");
        assertEquals(201, opened.status(), opened.raw());
        check("POST /dev/accounts (a token)", opened, problems);
        String token = opened.text("token");
        Http.Answer invited = http.post("/users", token,
                "{\"kind\":\"INVITED\",\"email\":\"ines@headers.test\",\"displayName\":\"Ines\"}");
        assertEquals(201, invited.status(), invited.raw());
        check("POST /users (an invitation secret)", invited, problems);
        check("POST /sessions", http.post("/sessions", null,
                "{\"username\":\"headers-owner\",\"password\":\"Owner-pass-1\"}"), problems);
        check("GET /users", http.get("/users", token), problems);
        check("GET /me", http.get("/me", token), problems);
        check("GET /users without a token (the authorizer)", http.get("/users", null), problems);
        check("POST /users, bad body", http.post("/users", token, "{\"kind\":"), problems);
        check("GET /nowhere (no route)", http.get("/nowhere", token), problems);
        check("PUT /users (wrong method)", http.call("PUT", "/users", token, "{}"), problems);
        check("OPTIONS /users (preflight)", http.call("OPTIONS", "/users", null, null,
                Map.of("Origin", "http://localhost:5173", "Access-Control-Request-Method", "POST")), problems);
        check("GET /.well-known/jwks.json", http.get("/.well-known/jwks.json", null), problems);
        check("GET /health", http.get("/health", null), problems);
        check("GET /dev/events", http.get("/dev/events", null), problems);
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void consoleFilesKeepTheirCachingAndAreNotSniffed() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String path : List.of("/", "/config.js", "/app.js")) {
            HttpResponse<String> file = client.send(HttpRequest.newBuilder(stack.url().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, file.statusCode(), path);
            assertEquals("no-cache", file.headers().firstValue("cache-control").orElse(null), path);
            assertEquals("nosniff", file.headers().firstValue("x-content-type-options").orElse(null), path);
        }
    }

    @Test
    void theFunctionsHeadersAreTheOnesTheLocalRoutesUse() {
        Http.Answer health = http.get("/health", null);
        Http.Answer users = http.get("/users", null);
        for (String name : List.of("content-type", "cache-control", "x-content-type-options")) {
            assertEquals(users.header(name), health.header(name), name);
        }
        assertTrue(users.header("content-type").startsWith("application/json"), users.header("content-type"));
    }
}
