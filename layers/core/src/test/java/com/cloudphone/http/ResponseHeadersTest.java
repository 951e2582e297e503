package com.cloudphone.http;

import static com.cloudphone.testing.Responses.assertNotStoredNorSniffed;
import static com.cloudphone.testing.Responses.header;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Refusal;
import com.cloudphone.model.Refused;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every answer the shell of the HTTP functions gives, whatever the outcome, tells browsers and proxies to store
 * nothing (answers carry tokens, invitation secrets and personal data) and not to sniff the JSON as anything else.
 */
class ResponseHeadersTest {
    private static APIGatewayV2HTTPResponse answer(Supplier<Reply> outcome) {
        HttpFunction function = new HttpFunction(null) {
            @Override
            protected Reply handle(ApiRequest request) {
                return outcome.get();
            }
        };
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withRouteKey("GET /probe").withRawPath("/probe")
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("r-1").build())
                .build();
        return function.handleRequest(event, null);
    }

    @Test
    void successesWithAndWithoutABody() {
        APIGatewayV2HTTPResponse ok = answer(() -> Reply.created(Map.of("token", "secret")));
        assertEquals(201, ok.getStatusCode());
        assertNotStoredNorSniffed(ok);
        assertEquals("application/json", header(ok, "content-type"));
        assertNotStoredNorSniffed(answer(() -> new Reply(204, null)));
    }

    @Test
    void errorsOfEveryKind() {
        APIGatewayV2HTTPResponse refused = answer(() -> {
            throw ApiException.forbidden("no");
        });
        assertEquals(403, refused.getStatusCode());
        assertNotStoredNorSniffed(refused);
        APIGatewayV2HTTPResponse storeRefusal = answer(() -> {
            throw new Refused(new Refusal.SeatLimitReached());
        });
        assertEquals(409, storeRefusal.getStatusCode());
        assertNotStoredNorSniffed(storeRefusal);
        APIGatewayV2HTTPResponse crash = answer(() -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(500, crash.getStatusCode());
        assertNotStoredNorSniffed(crash);
        assertNotStoredNorSniffed(HttpFunction.error(new ApiException(ErrorCode.UNAUTHENTICATED, "who?")));
    }
}
