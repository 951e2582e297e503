package com.cloudphone.handler;

import static com.cloudphone.testing.Responses.body;
import static com.cloudphone.testing.Responses.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.testing.TestBackend;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsersHandlerTest {
    private final TestBackend t = new TestBackend();
    private UsersHandler handler;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        handler = new UsersHandler(t.backend);
    }

    @Test
    void listsTheAccountsUsers() {
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("list-users.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(2, body(response).path("users").size());
    }

    @Test
    void getsAndPatchesAUser() {
        var got = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("get-user.json"), null);
        assertEquals("sample-user", body(got).path("username").asText());
        var patched = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("patch-user.json"), null);
        assertEquals(200, patched.getStatusCode(), patched.getBody());
        assertEquals("Sample User", body(patched).path("displayName").asText());
        assertEquals("Europe/Dublin", body(patched).path("timezone").asText());
    }

    @Test
    void aUserCannotReadAnotherUser() {
        var event = EventLoader.loadApiGatewayHttpEvent("get-user.json");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(
                Map.of("sub", TestBackend.SAMPLE_USER, "accountId", TestBackend.SAMPLE_ACCOUNT, "role", "USER"));
        event.setPathParameters(Map.of("userId", TestBackend.SAMPLE_ADMIN));
        var response = handler.handleRequest(event, null);
        assertEquals(403, response.getStatusCode());
        assertEquals("FORBIDDEN", errorCode(response));
    }

    @Test
    void listsAUsersContacts() {
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("user-contacts.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(0, body(response).path("contacts").size());
    }
}
