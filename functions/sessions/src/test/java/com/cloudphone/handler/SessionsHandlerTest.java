package com.cloudphone.handler;

import static com.cloudphone.testing.Responses.assertNotStoredNorSniffed;
import static com.cloudphone.testing.Responses.body;
import static com.cloudphone.testing.Responses.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.testing.TestBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionsHandlerTest {
    private final TestBackend t = new TestBackend();
    private SessionsHandler handler;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        handler = new SessionsHandler(t.backend);
    }

    @Test
    void signsInAndTheTokenVerifies() {
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("create-session.json"), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        var caller = t.backend.tokens().verify(body(response).path("token").asText());
        assertEquals(TestBackend.SAMPLE_ADMIN, caller.userId());
        assertEquals(TestBackend.SAMPLE_ACCOUNT, caller.accountId());
    }

    @Test
    void wrongPasswordIsTheSame401AsAnUnknownLogin() {
        var wrong = EventLoader.loadApiGatewayHttpEvent("create-session.json");
        wrong.setBody("{\"username\":\"sample-admin\",\"password\":\"Nope-nope-1\"}");
        var unknown = EventLoader.loadApiGatewayHttpEvent("create-session.json");
        unknown.setBody("{\"username\":\"nobody-here\",\"password\":\"Nope-nope-1\"}");
        var a = handler.handleRequest(wrong, null);
        var b = handler.handleRequest(unknown, null);
        assertEquals(401, a.getStatusCode());
        assertEquals(a.getStatusCode(), b.getStatusCode());
        assertEquals(a.getBody(), b.getBody());
        assertEquals("INVALID_CREDENTIALS", errorCode(a));
    }

    @Test
    void publishesTheSigningKey() {
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("jwks.json"), null);
        assertEquals(200, response.getStatusCode());
        assertEquals("RS256", body(response).path("keys").get(0).path("alg").asText());
    }

    @Test
    void tokenAnswersAndRefusalsAreNeitherStoredNorSniffed() {
        var signedIn = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("create-session.json"), null);
        assertEquals(201, signedIn.getStatusCode(), signedIn.getBody());
        assertNotStoredNorSniffed(signedIn);
        var wrong = EventLoader.loadApiGatewayHttpEvent("create-session.json");
        wrong.setBody("{\"username\":\"sample-admin\",\"password\":\"Nope-nope-1\"}");
        assertNotStoredNorSniffed(handler.handleRequest(wrong, null));
        assertNotStoredNorSniffed(handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("jwks.json"), null));
    }
}
