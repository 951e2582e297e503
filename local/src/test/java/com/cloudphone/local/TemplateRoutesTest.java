package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.Backend;
import com.cloudphone.event.LocalEventBus;
import com.cloudphone.service.Tokens;
import com.cloudphone.store.Table;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The HTTP API's routes live in docs/openapi.yaml, which template.yaml includes as the HttpApi's DefinitionBody:
 * the local stack must serve exactly the document's routes (plus its dev-only ones), each through the same handler
 * class the document's integration invokes, with the same routes public.
 */
class TemplateRoutesTest {
    static final Set<String> LOCAL_ONLY = Set.of("POST /dev/accounts", "POST /dev/agency-admins", "POST /dev/billing-events",
            "GET /dev/events",
            "GET /health");
    private static final Path ROOT = LocalStack.projectRoot();
    private static final Pattern INTEGRATION = Pattern.compile(
            "arn:\\$\\{AWS::Partition}:apigateway:\\$\\{AWS::Region}:lambda:path/2015-03-31/functions/"
                    + "\\$\\{(\\w+)\\.Alias}/invocations");

    /** Every operation of the document: "METHOD /path" to its operation object. */
    static Map<String, JsonNode> operations(JsonNode document) {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (Set.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
            }
        }));
        return operations;
    }

    static JsonNode document() throws Exception {
        return CloudFormationYaml.read(ROOT.resolve("docs/openapi.yaml"));
    }

    private static List<Route> localRoutes() {
        DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:9"))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create()).build();
        // handlers are only built, never called: the backend needs no reachable table
        Backend backend = new Backend(new Table(client, "unused"),
                new Tokens(Tokens.generateKeys(), "https://test", Duration.ofHours(1), Clock.systemUTC()),
                new LocalEventBus(), Clock.systemUTC(), 4, (name, input) -> { });
        return LocalStack.routes(backend);
    }

    @Test
    void localRoutesMatchTheDocument() throws Exception {
        Set<String> documented = operations(document()).keySet();
        Set<String> served = localRoutes().stream().map(Route::routeKey).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(served.containsAll(LOCAL_ONLY), "the dev-only routes are served locally: " + served);
        for (String devOnly : LOCAL_ONLY) {
            assertFalse(documented.contains(devOnly), devOnly + " is local only and must stay out of the contract");
        }
        served.removeAll(LOCAL_ONLY);
        assertEquals(served, new TreeSet<>(documented));
    }

    @Test
    void eachRouteIsIntegratedWithTheAliasOfTheFunctionThatServesItLocally() throws Exception {
        JsonNode template = CloudFormationYaml.read(ROOT.resolve("template.yaml"));
        JsonNode resources = template.get("Resources");
        Map<String, JsonNode> operations = operations(document());
        Set<String> integrated = new TreeSet<>();
        for (Route route : localRoutes()) {
            JsonNode op = operations.get(route.routeKey());
            if (op == null) {
                continue;
            }
            JsonNode integration = op.get("x-amazon-apigateway-integration");
            assertEquals("aws_proxy", integration.path("type").asText(), route.routeKey());
            assertEquals("POST", integration.path("httpMethod").asText(), route.routeKey());
            assertEquals("2.0", integration.path("payloadFormatVersion").asText(), route.routeKey());
            Matcher uri = INTEGRATION.matcher(integration.at("/uri/Fn::Sub").asText());
            assertTrue(uri.matches(), route.routeKey() + " integration uri: " + integration.get("uri"));
            String function = uri.group(1);
            JsonNode properties = resources.path(function).path("Properties");
            assertEquals("AWS::Serverless::Function", resources.path(function).path("Type").asText(), function);
            assertEquals(route.function().getClass().getName() + "::handleRequest", properties.path("Handler").asText(),
                    route.routeKey() + " is served locally by another handler than " + function + "'s");
            integrated.add(function);
            // the document's security is the template's only authorizer: public routes say so with security: []
            boolean open = op.has("security") && op.get("security").isEmpty();
            assertEquals(route.isPublic(), open, route.routeKey() + " public locally but not in the document, or back");
        }
        Map<String, String> permitted = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            assertFalse(r.getValue().path("Properties").path("Events").toString().contains("\"HttpApi\""),
                    r.getKey() + " declares an HttpApi event: routes belong in docs/openapi.yaml");
            if (r.getValue().path("Type").asText().equals("AWS::Lambda::Permission")
                    && r.getValue().at("/Properties/Principal").asText().equals("apigateway.amazonaws.com")) {
                JsonNode p = r.getValue().get("Properties");
                assertTrue(p.at("/SourceArn/Fn::Sub").asText().contains(":${HttpApi}/*"), r.getKey());
                permitted.put(p.at("/FunctionName/Ref").asText(), r.getKey());
            }
        }
        assertEquals(integrated.stream().map(f -> f + ".Alias").collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(permitted.keySet()), "API Gateway may invoke exactly the integrated aliases");
    }

    @Test
    void theHttpApiIsTheDocument() throws Exception {
        JsonNode api = CloudFormationYaml.read(ROOT.resolve("template.yaml")).at("/Resources/HttpApi/Properties");
        assertEquals("AWS::Include", api.at("/DefinitionBody/Fn::Transform/Name").asText());
        assertEquals("docs/openapi.yaml", api.at("/DefinitionBody/Fn::Transform/Parameters/Location").asText());
        assertTrue(api.path("Auth").isMissingNode(), "the authorizer is the document's (SAM cannot edit an included body)");
        JsonNode document = document();
        assertEquals(1, document.get("security").size());
        String scheme = document.get("security").get(0).fieldNames().next();
        JsonNode authorizer = document.at("/components/securitySchemes/" + scheme + "/x-amazon-apigateway-authorizer");
        assertEquals("jwt", authorizer.path("type").asText());
        assertEquals("$request.header.Authorization", authorizer.path("identitySource").asText());
        assertEquals("TokenIssuer", authorizer.at("/jwtConfiguration/issuer/Ref").asText());
        assertEquals("[\"" + Tokens.AUDIENCE + "\"]", authorizer.at("/jwtConfiguration/audience").toString());
    }
}
