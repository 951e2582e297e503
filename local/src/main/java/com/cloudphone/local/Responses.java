package com.cloudphone.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.local.sfn.Trees;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Answers of the local-only routes, in the API's JSON, with the functions' headers. */
final class Responses {
    private Responses() {
    }

    static APIGatewayV2HTTPResponse json(int status, Object body) {
        try {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                    .withHeaders(HttpFunction.HEADERS)
                    .withBody(Trees.MAPPER.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer without a body: the functions' headers but the content type. */
    static APIGatewayV2HTTPResponse empty(int status) {
        Map<String, String> headers = new LinkedHashMap<>(HttpFunction.HEADERS);
        headers.remove("content-type");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).build();
    }
}
