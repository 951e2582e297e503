package com.cloudphone.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudphone.Backend;
import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.handler.AddUserHandler;
import com.cloudphone.handler.AgencyHandler;
import com.cloudphone.handler.AssignNumberHandler;
import com.cloudphone.handler.CallflowsHandler;
import com.cloudphone.handler.CallsHandler;
import com.cloudphone.handler.DeleteUserHandler;
import com.cloudphone.handler.NumbersHandler;
import com.cloudphone.handler.QueuesHandler;
import com.cloudphone.handler.ReleaseNumberHandler;
import com.cloudphone.handler.SessionsHandler;
import com.cloudphone.handler.UsersHandler;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.service.Caller;
import com.cloudphone.service.Tokens;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What API Gateway does in front of the functions, played locally: the routes (a known path with another method is
 * a 405 here, where API Gateway answers 404), the JWT authorizer with the stack's own key, payload 2.0 events, the
 * answers to CORS preflights and the CORS headers of every answer.
 */
final class Gateway {
    private final List<Route> routes;
    private final Tokens tokens;
    private final Cors cors;

    Gateway(List<Route> routes, Tokens tokens, Cors cors) {
        this.routes = List.copyOf(routes);
        this.tokens = tokens;
        this.cors = cors;
    }

    /** The answer to a request for the API (anything that is not a console file). */
    APIGatewayV2HTTPResponse answer(HttpExchange exchange) throws IOException {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (exchange.getRequestMethod().equals("OPTIONS")) {
            // API Gateway answers every OPTIONS itself once CORS is configured, whatever the path
            return with(Responses.empty(204), cors.preflight(origin));
        }
        return with(dispatch(exchange), cors.headers(origin));
    }

    private static APIGatewayV2HTTPResponse with(APIGatewayV2HTTPResponse response, Map<String, String> more) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        headers.putAll(more);
        response.setHeaders(headers);
        return response;
    }

    /** The routes of template.yaml, plus the local-only ones (their handlers null where only routes are read). */
    static List<Route> routes(Backend backend, DevEventsHandler devEvents, HealthHandler health) {
        var addUser = new AddUserHandler(backend);
        var users = new UsersHandler(backend);
        var numbers = new NumbersHandler(backend);
        var assign = new AssignNumberHandler(backend);
        var sessions = new SessionsHandler(backend);
        var queues = new QueuesHandler(backend);
        var callflows = new CallflowsHandler(backend);
        var release = new ReleaseNumberHandler(backend);
        var deleteUser = new DeleteUserHandler(backend);
        var calls = new CallsHandler(backend);
        var agency = new AgencyHandler(backend);
        return List.of(
                Route.of("POST /sessions", sessions, true),
                Route.of("POST /invitations/accept", sessions, true),
                Route.of("GET /.well-known/jwks.json", sessions, true),
                Route.of("GET /.well-known/openid-configuration", sessions, true),
                Route.of("POST /dev/accounts", new DevAccountsHandler(backend), true),
                Route.of("POST /dev/agency-admins", new DevAgencyAdminsHandler(backend), true),
                Route.of("POST /dev/billing-events", new DevBillingHandler(backend), true),
                Route.of("GET /dev/events", devEvents, true),
                Route.of("GET /health", health, true),
                Route.of("POST /users", addUser, false),
                Route.of("GET /me", users, false),
                Route.of("GET /users", users, false),
                Route.of("GET /users/{userId}", users, false),
                Route.of("PATCH /users/{userId}", users, false),
                Route.of("POST /users/{userId}/invitation", users, false),
                Route.of("GET /users/{userId}/contacts", users, false),
                Route.of("POST /numbers", numbers, false),
                Route.of("GET /numbers", numbers, false),
                Route.of("POST /numbers/{number}/contacts", numbers, false),
                Route.of("PUT /numbers/{number}/assignee", assign, false),
                Route.of("GET /users/{userId}/devices", users, false),
                Route.of("POST /users/{userId}/devices", users, false),
                Route.of("DELETE /users/{userId}/devices/{deviceId}", users, false),
                Route.of("POST /queues", queues, false),
                Route.of("GET /queues", queues, false),
                Route.of("DELETE /queues/{queueId}/members/{userId}", queues, false),
                Route.of("POST /callflows", callflows, false),
                Route.of("GET /callflows", callflows, false),
                Route.of("GET /callflows/{callflowId}", callflows, false),
                Route.of("POST /callflows/{callflowId}/reassign", callflows, false),
                Route.of("POST /callflows/{callflowId}/versions", callflows, false),
                Route.of("DELETE /callflows/{callflowId}/versions/{version}", callflows, false),
                Route.of("DELETE /callflows/{callflowId}", callflows, false),
                Route.of("POST /numbers/{number}/release", release, false),
                Route.of("POST /numbers/{number}/recycle", release, false),
                Route.of("GET /users/{userId}/deletion-blockers", deleteUser, false),
                Route.of("DELETE /users/{userId}", deleteUser, false),
                Route.of("POST /users/{userId}/offboarding", deleteUser, false),
                Route.of("GET /jobs", deleteUser, false),
                Route.of("GET /jobs/{jobId}", deleteUser, false),
                Route.of("POST /calls", calls, false),
                Route.of("GET /calls", calls, false),
                Route.of("GET /agency/users", agency, false),
                Route.of("GET /agency/users/{userId}/roles", agency, false),
                Route.of("PUT /agency/users/{userId}/roles", agency, false),
                Route.of("DELETE /agency/users/{userId}", agency, false));
    }

    private APIGatewayV2HTTPResponse dispatch(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(method, path);
            if (params.isPresent()) {
                APIGatewayV2HTTPEvent event = event(exchange, route, params.get());
                if (!route.isPublic()) {
                    try {
                        Caller caller = tokens.verify(bearer(exchange));
                        event.getRequestContext().setAuthorizer(authorizer(caller));
                    } catch (ApiException e) {
                        return HttpFunction.error(e);
                    }
                }
                return route.function().handleRequest(event, null);
            }
        }
        List<String> allowed = routes.stream().filter(r -> r.matchesPath(path)).map(Route::method).distinct().toList();
        if (!allowed.isEmpty()) {
            APIGatewayV2HTTPResponse refused = HttpFunction.error(new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
                    method + " is not allowed on " + path + "; try " + String.join(", ", allowed)));
            return with(refused, Map.of("allow", String.join(", ", allowed) + ", OPTIONS"));
        }
        return HttpFunction.error(new ApiException(ErrorCode.ROUTE_NOT_FOUND, "No route " + method + " " + path));
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required");
        }
        return header.substring(7).trim();
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer(Caller caller) {
        Map<String, String> claims = new HashMap<>();
        claims.put("sub", caller.userId());
        claims.put("accountId", caller.accountId());
        claims.put("role", caller.role());
        claims.put("iat", Long.toString(caller.issuedAt() / 1000));
        claims.put(Tokens.ISSUED_AT_MS, Long.toString(caller.issuedAt()));
        return APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).build())
                .build();
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, Route route, Map<String, String> params)
            throws IOException {
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(route.routeKey())
                .withRawPath(uri.getRawPath())
                .withRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery())
                .withQueryStringParameters(query(uri.getRawQuery()))
                .withHeaders(headers)
                .withPathParameters(params.isEmpty() ? null : params)
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey(route.routeKey())
                        .withStage("$default")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(exchange.getRequestMethod())
                                .withPath(uri.getRawPath())
                                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                                .build())
                        .build())
                .build();
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.merge(key, value, (a, b) -> a + "," + b);
        }
        return params;
    }
}
