package com.cloudphone.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /health}: 200 with the engines' state while the table answers, else 503 with the same body. */
final class HealthHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Supplier<Map<String, Object>> state;

    HealthHandler(Supplier<Map<String, Object>> state) {
        this.state = state;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        Map<String, Object> body = state.get();
        return Responses.json("ok".equals(body.get("status")) ? 200 : 503, body);
    }
}
