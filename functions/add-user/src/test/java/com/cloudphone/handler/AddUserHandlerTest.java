package com.cloudphone.handler;

import static com.cloudphone.testing.Responses.assertNotStoredNorSniffed;
import static com.cloudphone.testing.Responses.body;
import static com.cloudphone.testing.Responses.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.testing.TestBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AddUserHandlerTest {
    private final TestBackend t = new TestBackend();
    private AddUserHandler handler;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        handler = new AddUserHandler(t.backend);
    }

    @Test
    void addsAnInternalUserFromTheSampleEvent() {
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("add-user.json"), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        var user = body(response);
        assertEquals("jordan.lee", user.path("username").asText());
        assertEquals("1002", user.path("extension").asText());
        assertEquals("America/Chicago", user.path("timezone").asText());
        assertEquals("09:00", user.path("businessHours").path("MONDAY").path("open").asText());
        assertFalse(response.getBody().contains("Welcome-2026"), "the password never comes back");
        assertFalse(response.getBody().toLowerCase().contains("hash"));
        assertEquals("UserAdded", t.bus.published().get(t.bus.published().size() - 1).type());
        assertTrue(t.backend.logins.loginByUsername("jordan.lee").isPresent());
    }

    @Test
    void addsAnInvitedUserWithAnInvitationToken() {
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("add-user-invited.json"), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals("INVITED", body(response).path("status").asText());
        assertTrue(body(response).path("invitationToken").asText().startsWith(body(response).path("userId").asText() + "."));
    }

    @Test
    void aUserTokenCannotAddUsers() {
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("add-user-by-user.json"), null);
        assertEquals(403, response.getStatusCode());
        assertEquals("FORBIDDEN", errorCode(response));
        assertTrue(t.backend.logins.loginByUsername("sneaky").isEmpty());
    }

    @Test
    void noTokenIsUnauthenticated() {
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("add-user-no-token.json"), null);
        assertEquals(401, response.getStatusCode());
        assertEquals("UNAUTHENTICATED", errorCode(response));
    }

    @Test
    void emailsWithInvisibleOrDirectionCharactersAreRefused() {
        for (String email : new String[] {"sam\u200B.rivera@example.com", "sam\u202Erivera@example.com",
                "sam\u0007rivera@example.com", "sam\u200Drivera@example.com"}) {
            var event = EventLoader.loadApiGatewayHttpEvent("add-user-invited.json");
            event.setBody("{\"kind\":\"INVITED\",\"email\":\"" + email.replace("\u0007", "\\u0007")
                    + "\",\"displayName\":\"Sam Rivera\"}");
            var response = handler.handleRequest(event, null);
            assertEquals(400, response.getStatusCode(), email + ": " + response.getBody());
            assertEquals(java.util.List.of("email"), body(response).path("error").path("details").findValuesAsText("field"));
        }
        assertEquals(2, t.backend.memberships.members(TestBackend.SAMPLE_ACCOUNT).size());
    }

    @Test
    void anEmailThatOnlyLooksDifferentIsTaken() {
        assertEquals(201, handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("add-user-invited.json"), null)
                .getStatusCode());
        var event = EventLoader.loadApiGatewayHttpEvent("add-user-invited.json");
        // fullwidth letters: NFKC makes them the ASCII address already in use
        event.setBody("{\"kind\":\"INVITED\",\"email\":\"\uFF53\uFF41\uFF4D.rivera@example.com\","
                + "\"displayName\":\"Sam Rivera 2\"}");
        var response = handler.handleRequest(event, null);
        assertEquals(409, response.getStatusCode(), response.getBody());
        assertEquals("EMAIL_TAKEN", errorCode(response));
    }

    @Test
    void aNullIsNotAnAbsentFieldAndAnEmptyExtensionIsNotNone() {
        String[][] cases = {{"admin", "null"}, {"businessHours", "null"}, {"extension", "null"}, {"leadRouting", "null"},
            {"timezone", "null"}, {"extension", "\"\""}, {"businessHours", "{\"MONDAY\":{\"open\":\"09:00\",\"close\":\"17:00\",\"lunch\":\"12:00\"}}"}};
        for (String[] c : cases) {
            var event = EventLoader.loadApiGatewayHttpEvent("add-user-invited.json");
            event.setBody("{\"kind\":\"INVITED\",\"email\":\"null.test@example.com\",\"displayName\":\"Nell\",\""
                    + c[0] + "\":" + c[1] + "}");
            var response = handler.handleRequest(event, null);
            assertEquals(400, response.getStatusCode(), c[0] + "=" + c[1] + ": " + response.getBody());
            assertTrue(body(response).path("error").path("details").findValuesAsText("field").stream()
                    .anyMatch(f -> f.startsWith(c[0])), c[0] + " named in " + response.getBody());
        }
        assertEquals(2, t.backend.memberships.members(TestBackend.SAMPLE_ACCOUNT).size());
    }

    @Test
    void lengthsCountCharactersAsTheDocumentDoesAndWeekdaysAreInCapitals() {
        var event = EventLoader.loadApiGatewayHttpEvent("add-user-invited.json");
        String emoji = "\uD83D\uDE00".repeat(60); // 60 characters, 120 UTF-16 units: within maxLength 100
        event.setBody("{\"kind\":\"INVITED\",\"email\":\"smiles@example.com\",\"displayName\":\"" + emoji + "\"}");
        assertEquals(201, handler.handleRequest(event, null).getStatusCode());
        var lower = EventLoader.loadApiGatewayHttpEvent("add-user-invited.json");
        lower.setBody("{\"kind\":\"INVITED\",\"email\":\"days@example.com\",\"displayName\":\"Days\","
                + "\"businessHours\":{\"monday\":{\"open\":\"09:00\",\"close\":\"17:00\"}}}");
        assertEquals(400, handler.handleRequest(lower, null).getStatusCode(), "the document names MONDAY, not monday");
    }

    @Test
    void badFieldsAreAllNamedAndNothingIsWritten() {
        var event = EventLoader.loadApiGatewayHttpEvent("add-user.json");
        event.setBody("{\"kind\":\"INTERNAL\",\"username\":\"x\",\"password\":\"short\",\"displayName\":\"\","
                + "\"extension\":\"12a\",\"timezone\":\"Mars/Base\",\"accountId\":\"a_other\"}");
        var response = handler.handleRequest(event, null);
        assertEquals(400, response.getStatusCode());
        var fields = body(response).path("error").path("details").findValuesAsText("field");
        for (String f : new String[] {"username", "password", "displayName", "extension", "timezone", "accountId"}) {
            assertTrue(fields.contains(f), f + " missing from " + fields);
        }
        assertEquals(2, t.backend.memberships.members(TestBackend.SAMPLE_ACCOUNT).size());
    }

    @Test
    void theInvitationSecretAndErrorsAreNeitherStoredNorSniffed() {
        var invited = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("add-user-invited.json"), null);
        assertEquals(201, invited.getStatusCode(), invited.getBody());
        assertNotStoredNorSniffed(invited);
        for (String refused : new String[] {"add-user-no-token.json", "add-user-by-user.json"}) {
            assertNotStoredNorSniffed(handler.handleRequest(EventLoader.loadApiGatewayHttpEvent(refused), null));
        }
    }
}
