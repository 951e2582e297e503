package com.cloudphone.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.json.Json;
import com.cloudphone.log.Log;
import com.cloudphone.model.Refused;
import com.cloudphone.service.Refusals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shell of every HTTP function: read the event, run the route, and turn the outcome into a response.
 * Errors become HTTP statuses here and nowhere else; every request logs one line.
 */
public abstract class HttpFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /**
     * The headers of every answer, errors included. Most answers carry a token, an invitation secret or personal
     * data, and the rest are cheap to ask for again, so no browser or proxy may keep any of them (no-store).
     */
    public static final Map<String, String> HEADERS = Map.of(
            "content-type", "application/json",
            "cache-control", "no-store",
            "x-content-type-options", "nosniff");
    private final Idempotency idempotency;

    /** {@code idempotency} may be null for routes that need none (sign-in is naturally repeatable). */
    protected HttpFunction(Idempotency idempotency) {
        this.idempotency = idempotency;
    }

    protected abstract Reply handle(ApiRequest request);

    @Override
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiRequest request = new ApiRequest(event);
        long started = System.nanoTime();
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("route", request.routeKey());
        log.put("requestId", context != null ? context.getAwsRequestId() : request.requestId());
        request.callerIfAny().ifPresent(c -> {
            log.put("accountId", c.accountId());
            log.put("userId", c.userId());
        });
        APIGatewayV2HTTPResponse response;
        try {
            Reply reply = idempotency == null ? handle(request) : idempotency.run(request, () -> handle(request));
            response = respond(reply.status(), body(reply));
            log.put("status", reply.status());
            log.put("ms", (System.nanoTime() - started) / 1_000_000);
            Log.info("request", log);
        } catch (ApiException | Refused failure) {
            ApiException e = failure instanceof Refused r ? Refusals.meaning(r.refusal()) : (ApiException) failure;
            response = error(e);
            log.put("status", e.code().status());
            log.put("code", e.code().name());
            log.put("ms", (System.nanoTime() - started) / 1_000_000);
            Log.warn(e.getMessage(), log);
        } catch (RuntimeException e) {
            response = error(new ApiException(ErrorCode.INTERNAL, "Something went wrong; it has been logged"));
            log.put("status", 500);
            log.put("exception", e.getClass().getName());
            log.put("ms", (System.nanoTime() - started) / 1_000_000);
            Log.error(String.valueOf(e.getMessage()), log);
        }
        return response;
    }

    private static String body(Reply reply) {
        if (reply.body() instanceof Idempotency.Replayed replayed) {
            return replayed.json();
        }
        return reply.body() == null ? null : Json.write(reply.body());
    }

    public static APIGatewayV2HTTPResponse error(ApiException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code().name());
        error.put("message", e.getMessage());
        error.put("details", e.details());
        return respond(e.code().status(), Json.write(Map.of("error", error)));
    }

    private static APIGatewayV2HTTPResponse respond(int status, String body) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(HEADERS)
                .withBody(body)
                .build();
    }

    protected static ApiException noRoute(ApiRequest request) {
        return new ApiException(ErrorCode.ROUTE_NOT_FOUND, "No route " + request.routeKey(), List.of());
    }
}
