package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The console's static files at / beside the API: types, the CSP, no way out of console/, the API unchanged. */
class ConsoleFilesTest extends StackTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** A GET of the raw path, sent as is (java.net.URI would not normalise it, and neither does the server). */
    private static HttpResponse<String> get(String rawPath) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(stack.url() + rawPath)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheConsoleWithItsTypesAndPolicy() throws Exception {
        HttpResponse<String> index = get("/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=utf-8", index.headers().firstValue("content-type").orElse(""));
        assertEquals(Files.readString(LocalStack.projectRoot().resolve("console/index.html")), index.body());
        String csp = index.headers().firstValue("content-security-policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        // the policy CloudFront sends too (template-console.yaml, TemplateConsoleTest), with the API as 'self' here
        assertEquals(ConsoleFiles.csp("'self'"), csp);
        assertEquals("nosniff", index.headers().firstValue("x-content-type-options").orElse(""));
        assertEquals("DENY", index.headers().firstValue("x-frame-options").orElse(""));
        assertEquals("no-referrer", index.headers().firstValue("referrer-policy").orElse(""));
        HttpResponse<String> script = get("/app.js");
        assertEquals(200, script.statusCode());
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("content-type").orElse(""));
        assertEquals("text/css; charset=utf-8", get("/console.css").headers().firstValue("content-type").orElse(""));
        // the screens' modules, in console/screens/, with the same type and policy
        HttpResponse<String> screen = get("/screens/users.js");
        assertEquals(200, screen.statusCode());
        assertEquals("text/javascript; charset=utf-8", screen.headers().firstValue("content-type").orElse(""));
        assertEquals(ConsoleFiles.csp("'self'"), screen.headers().firstValue("content-security-policy").orElse(""));
        assertEquals(Files.readString(LocalStack.projectRoot().resolve("console/screens/users.js")), screen.body());
    }

    /**
     * The console learns the API's base URL from config.js, which bin/deploy-console writes in AWS (the API stack's
     * ApiUrl) and the local stack makes up: "" there, the API being on the console's own origin, and the dev routes
     * (POST /dev/accounts, for the sign-in page's test account) there, which AWS never has.
     */
    @Test
    void servesTheConsolesConfigWithTheApiOnItsOwnOrigin() throws Exception {
        HttpResponse<String> config = get("/config.js");
        assertEquals(200, config.statusCode());
        assertEquals("text/javascript; charset=utf-8", config.headers().firstValue("content-type").orElse(""));
        assertEquals("no-cache", config.headers().firstValue("cache-control").orElse(""));
        assertEquals(ConsoleFiles.csp("'self'"), config.headers().firstValue("content-security-policy").orElse(""));
        assertEquals(ConsoleFiles.config("", true), config.body());
        assertTrue(config.body().contains("export const apiBase = \"\";"), config.body());
        assertTrue(config.body().contains("export const devRoutes = true;"), config.body());
        assertFalse(Files.exists(LocalStack.projectRoot().resolve("console/config.js")),
                "config.js is made where the console is served, never kept in console/");
        assertEquals(200, CLIENT.send(HttpRequest.newBuilder(URI.create(stack.url() + "/config.js"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        // the API client prefixes every path with it
        String api = Files.readString(LocalStack.projectRoot().resolve("console/api.js"));
        assertTrue(api.contains("import { apiBase, devRoutes } from './config.js';"), "api.js reads config.js");
        assertTrue(api.contains("fetch(apiBase + path"), "api.js calls apiBase + path");
        // the sign-in page offers a test account from the config, without probing a route AWS does not have
        try (Stream<Path> modules = Stream.concat(Files.list(LocalStack.projectRoot().resolve("console")),
                Files.list(LocalStack.projectRoot().resolve("console/screens")))) {
            for (Path module : modules.filter(m -> m.toString().endsWith(".js")).toList()) {
                assertFalse(Files.readString(module).contains("/health"), module + " asks nothing of /health");
            }
        }
        String signIn = Files.readString(LocalStack.projectRoot().resolve("console/screens/sign-in.js"));
        assertTrue(signIn.contains("if (devRoutes) page.append(localAccountForm());"), "screens/sign-in.js reads devRoutes");
    }

    @Test
    void nothingOutsideTheConsoleFolderIsServed() throws Exception {
        for (String path : new String[] {"/../pom.xml", "/..%2Fpom.xml", "/%2e%2e/template.yaml", "/console/index.html",
                "/.%2e/README.md", "/package.json", "/nope.js", "/index.html/..", "/app.js%00.png", "//etc/passwd",
                "/screens/../pom.xml", "/screens/%2e%2e/pom.xml", "/screens/..%2Fapp.js", "/screens/nope.js",
                "/screens/screens/users.js", "/Screens/users.js", "/other/app.js", "/screens/", "/screens"}) {
            HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path + " -> " + r.body());
            assertTrue(r.body().contains("ROUTE_NOT_FOUND"), path + " -> " + r.body());
            assertFalse(r.headers().firstValue("content-security-policy").isPresent(), path);
        }
        // POST to a console file is the API's business (no such route), not a file
        HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(URI.create(stack.url() + "/app.js"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, post.statusCode());
    }

    @Test
    void theApiIsUnchanged() throws Exception {
        HttpResponse<String> users = get("/users");
        assertEquals(401, users.statusCode());
        assertTrue(users.body().contains("UNAUTHENTICATED"), users.body());
        assertEquals(200, get("/health").statusCode());
        assertEquals(200, get("/.well-known/jwks.json").statusCode());
    }
}
