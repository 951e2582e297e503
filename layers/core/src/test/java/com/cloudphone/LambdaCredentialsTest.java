package com.cloudphone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The function role's credentials with the variables Lambda sets, in a JVM of its own (environment variables cannot
 * be changed in this one). One loopback server plays both the container credentials endpoint and DynamoDB
 * (AWS_ENDPOINT_URL_DYNAMODB, the SDK's own setting, so the backend does not switch to its static local
 * credentials): priming's GetItem must arrive signed with the key the credentials source handed out.
 */
class LambdaCredentialsTest {
    private static final String TOKEN = "container-token-123";
    private HttpServer server;
    private final List<String> credentialRequests = new CopyOnWriteArrayList<>();
    private final List<String> signedWith = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/credentials", exchange -> {
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            credentialRequests.add(auth);
            if (!auth.equals(TOKEN)) {
                reply(exchange, 403, "{}", "application/json");
                return;
            }
            reply(exchange, 200, "{\"AccessKeyId\":\"ASIACONTAINER\",\"SecretAccessKey\":\"secret\","
                    + "\"Token\":\"session\",\"Expiration\":\"" + Instant.now().plus(6, ChronoUnit.HOURS) + "\"}",
                    "application/json");
        });
        server.createContext("/", exchange -> {
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            signedWith.add(auth.replaceAll(".*Credential=([^/]+)/.*", "$1"));
            exchange.getRequestBody().readAllBytes();
            reply(exchange, 200, "{}", "application/x-amz-json-1.0");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void withSnapStartTheContainerEndpointGivesTheKeys() throws Exception {
        String out = probe(Map.of(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", base() + "/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN,
                "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"));
        assertTrue(out.contains("key=ASIACONTAINER"), out);
        assertEquals(List.of("ASIACONTAINER"), signedWith, "priming's GetItem, signed with the container's key");
        assertTrue(credentialRequests.stream().allMatch(TOKEN::equals), credentialRequests.toString());
    }

    @Test
    void withoutSnapStartTheEnvironmentGivesTheKeys() throws Exception {
        String out = probe(Map.of(
                "AWS_ACCESS_KEY_ID", "ASIAENVIRONMENT",
                "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "session",
                "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"));
        assertTrue(out.contains("key=ASIAENVIRONMENT"), out);
        assertEquals(List.of("ASIAENVIRONMENT"), signedWith);
        assertEquals(List.of(), credentialRequests);
    }

    /** LambdaProbe with only the given variables and those of a Lambda function, nothing AWS from this machine. */
    private String probe(Map<String, String> lambdaVariables) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LambdaProbe.class.getName())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("HOME", System.getProperty("java.io.tmpdir"));
        env.put("AWS_REGION", "us-east-1");
        env.put("TABLE_NAME", "cloudphone-users");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", base());
        env.putAll(lambdaVariables);
        Process process = pb.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        assertTrue(!out.contains("priming step failed"), out);
        return out;
    }

    private static void reply(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
