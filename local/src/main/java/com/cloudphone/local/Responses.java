package com.cloudphone.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudphone.local.sfn.Trees;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.HashMap;
import java.util.Map;

/** Answers of the local-only routes, in the API's JSON and error shapes. */
final class Responses {
    private Responses() {
    }

    static APIGatewayV2HTTPResponse json(int status, Object body) {
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                    .withHeaders(Map.of("content-type", "application/json"))
                    .withBody(Trees.MAPPER.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static APIGatewayV2HTTPResponse error(int status, String code, String message, Map<String, String> headers) {
        APIGatewayV2HTTPResponse response = json(status, Map.of("error", Map.of("code", code, "message", message)));
        Map<String, String> all = new HashMap<>(response.getHeaders());
        all.putAll(headers);
        response.setHeaders(all);
        return response;
    }
}
