package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudphone.Backend;
import com.cloudphone.event.LocalEventBus;
import com.cloudphone.service.Tokens;
import com.cloudphone.store.Table;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The local stack must serve exactly the routes template.yaml gives API Gateway (plus the local-only ones). */
class TemplateRoutesTest {
    private static final Pattern ROUTE = Pattern.compile("Method: (\\w+), Path: (?:\"([^\"]+)\"|([^\\s,}]+))");
    private static final Set<String> LOCAL_ONLY = Set.of("POST /dev/accounts", "POST /dev/billing-events", "GET /dev/events",
            "GET /health");

    @Test
    void localRoutesMatchTheTemplate() throws Exception {
        Path template = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "template.yaml");
        if (!Files.exists(template)) {
            template = Path.of("..", "template.yaml");
        }
        Set<String> declared = new TreeSet<>();
        Matcher m = ROUTE.matcher(Files.readString(template));
        while (m.find()) {
            declared.add(m.group(1) + " " + (m.group(2) != null ? m.group(2) : m.group(3)));
        }
        DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create()).build();
        // handlers are only built, never called: the backend needs no reachable table
        Backend backend = new Backend(new Table(client, "unused"),
                new Tokens(Tokens.generateKeys(), "https://test", Duration.ofHours(1), Clock.systemUTC()),
                new LocalEventBus(), Clock.systemUTC(), 4, (name, input) -> { });
        Set<String> served = LocalStack.routes(backend).stream().map(Route::routeKey)
                .filter(r -> !LOCAL_ONLY.contains(r)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, served);
    }
}
