package com.cloudphone.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Ids;
import com.cloudphone.model.PageRequest;
import com.cloudphone.service.Caller;
import com.cloudphone.service.Tokens;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An API Gateway HTTP API (payload 2.0) request, read the way every handler needs it. */
public final class ApiRequest {
    private final APIGatewayV2HTTPEvent event;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public String routeKey() {
        return event.getRouteKey() == null ? "" : event.getRouteKey();
    }

    public String requestId() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    /** A path parameter, percent-decoded; a literal '+' stays a '+', as E.164 numbers need. */
    public String path(String name) {
        Map<String, String> params = event.getPathParameters();
        String raw = params == null ? null : params.get(name);
        if (raw == null || raw.isEmpty()) {
            throw ApiException.invalid(name, "is required in the path");
        }
        String value;
        try {
            value = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(name, "is not correctly URL-encoded");
        }
        if (name.endsWith("Id") ? !Ids.isId(value) : value.length() > 32) {
            // the other segments (a number, a version) are checked by their readers; this only bounds them
            throw ApiException.invalid(name, name.endsWith("Id") ? Ids.FORMAT : "is too long");
        }
        return value;
    }

    /** A query parameter naming an id: absent, or of the id form (400 otherwise). */
    public Optional<String> idQuery(String name) {
        Optional<String> value = query(name);
        if (value.isPresent() && !Ids.isId(value.get())) {
            throw ApiException.invalid(name, Ids.FORMAT);
        }
        return value;
    }

    /**
     * The page a list route is asked for: {@code limit} (1 to {@link PageRequest#MAX_LIMIT}, default
     * {@link PageRequest#DEFAULT_LIMIT}) and {@code cursor} (a nextCursor the list gave); a 400 naming either
     * when it is not of that form. Whether a cursor belongs to the list and the account is the store's check.
     */
    public PageRequest page() {
        int limit = PageRequest.DEFAULT_LIMIT;
        Optional<String> rawLimit = query("limit");
        if (rawLimit.isPresent()) {
            String text = rawLimit.get();
            if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(text) < 1 || Integer.parseInt(text) > PageRequest.MAX_LIMIT) {
                throw ApiException.invalid("limit", PageRequest.LIMIT_RULE);
            }
            limit = Integer.parseInt(text);
        }
        Optional<String> cursor = query("cursor");
        if (cursor.isPresent() && !PageRequest.isCursorText(cursor.get())) {
            throw ApiException.invalid("cursor", PageRequest.CURSOR_RULE);
        }
        return new PageRequest(limit, cursor.orElse(null));
    }

    public Optional<String> query(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        return Optional.ofNullable(params == null ? null : params.get(name));
    }

    /** The route's method (API Gateway's routeKey is "METHOD /path"). */
    public String method() {
        String key = routeKey();
        int space = key.indexOf(' ');
        return space < 0 ? "" : key.substring(0, space);
    }

    /** A request header; API Gateway gives header names in lower case. */
    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        String value = headers.get(name);
        if (value == null) {
            value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        return Optional.ofNullable(value);
    }

    public String rawPath() {
        return event.getRawPath() == null ? "" : event.getRawPath();
    }

    public String body() {
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return body;
    }

    public Input input(Set<String> allowedFields) {
        return Input.parse(body(), allowedFields);
    }

    /** The identity the JWT authorizer verified. Without it nothing but sign-in is reachable. */
    public Caller caller() {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        var jwt = authorizer == null ? null : authorizer.getJwt();
        Map<String, String> claims = jwt == null ? null : jwt.getClaims();
        if (claims == null || isBlank(claims.get("sub")) || isBlank(claims.get("accountId"))) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required");
        }
        return new Caller(claims.get("sub"), claims.get("accountId"), claims.get("role"), Tokens.issuedAtMillis(claims.get(Tokens.ISSUED_AT_MS),
                claims.get("iat")));
    }

    /** The caller's ids for logs, when the request carries them. */
    public Optional<Caller> callerIfAny() {
        try {
            return Optional.of(caller());
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
