package com.cloudphone.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

/** Reading handler responses in tests. */
public final class Responses {
    private Responses() {
    }

    public static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return TestJson.MAPPER.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("response body is not JSON: " + response.getBody(), e);
        }
    }

    public static String errorCode(APIGatewayV2HTTPResponse response) {
        return body(response).path("error").path("code").asText();
    }
}
