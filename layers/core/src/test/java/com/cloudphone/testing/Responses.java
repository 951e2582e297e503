package com.cloudphone.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

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

    /** A header of the response, whatever the case of its name; null when absent. */
    public static String header(APIGatewayV2HTTPResponse response, String name) {
        Map<String, String> headers = response.getHeaders();
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** Every API answer: kept by no cache (it may carry a token or personal data) and never sniffed. */
    public static void assertNotStoredNorSniffed(APIGatewayV2HTTPResponse response) {
        assertNotNull(response.getHeaders(), "no headers at all");
        assertEquals("no-store", header(response, "cache-control"), "cache-control of " + response.getHeaders());
        assertEquals("nosniff", header(response, "x-content-type-options"),
                "x-content-type-options of " + response.getHeaders());
    }
}
