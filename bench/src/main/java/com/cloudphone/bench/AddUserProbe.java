package com.cloudphone.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudphone.handler.AddUserHandler;
import java.util.Map;

/**
 * Cold-start probe (b): the add-user function as Lambda runs it. {@code new AddUserHandler()} (so
 * {@code Backend.fromEnvironment()} wires itself from TABLE_NAME, DYNAMODB_ENDPOINT, JWT_PRIVATE_KEY and
 * BCRYPT_COST), then one {@code POST /users} event shaped like events/add-user.json from the seeded admin, with a username and extension unique to this sample (args[0]). Prints the marker line with
 * the status the driver times and checks, and exits.
 */
public final class AddUserProbe {
    private AddUserProbe() {
    }

    public static void main(String[] args) {
        int sample = Integer.parseInt(args[0]);
        AddUserHandler handler = new AddUserHandler();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event(sample), null);
        Probe.answered(Integer.toString(response.getStatusCode()));
        System.exit(response.getStatusCode() == 201 ? 0 : 1);
    }

    /** What the Lambda runtime hands the handler for events/add-user.json (the authorizer's claims included). */
    static APIGatewayV2HTTPEvent event(int sample) {
        String body = """
                {"kind": "INTERNAL", "username": "bench.user%d", "password": "Welcome-2026", \
                "displayName": "Bench User %d", "extension": "%d", "timezone": "America/Chicago", \
                "businessHours": {"MONDAY": {"open": "09:00", "close": "17:00"}, \
                "FRIDAY": {"open": "09:00", "close": "15:00"}}, "admin": false}""".formatted(sample, sample, 10_000 + sample);
        return event(body, Seed.ADMIN_ID, Seed.ACCOUNT_ID, "bench-" + sample);
    }

    /** {@code POST /users} with {@code body}, as an ADMIN token of {@code accountId} would have it authorized. */
    static APIGatewayV2HTTPEvent event(String body, String adminId, String accountId, String requestId) {
        var claims = Map.of("sub", adminId, "accountId", accountId, "role", "ADMIN",
                "iss", "https://cloudphone.local", "aud", "cloudphone-console");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey("POST /users")
                .withRawPath("/users")
                .withRawQueryString("")
                .withHeaders(Map.of("accept", "application/json", "content-type", "application/json",
                        "host", "api.example.com", "user-agent", "console/1.0"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("123456789012")
                        .withApiId("abc123")
                        .withDomainName("api.example.com")
                        .withRequestId(requestId)
                        .withRouteKey("POST /users")
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("POST").withPath("/users").withProtocol("HTTP/1.1")
                                .withSourceIp("203.0.113.10").withUserAgent("console/1.0").build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(claims).build())
                                .build())
                        .build())
                .withIsBase64Encoded(false)
                .withBody(body)
                .build();
    }
}
