package com.cloudphone.handler;

import static com.cloudphone.testing.Responses.assertNotStoredNorSniffed;
import static com.cloudphone.testing.Responses.body;
import static com.cloudphone.testing.Responses.errorCode;
import static com.cloudphone.testing.TestBackend.SAMPLE_ACCOUNT;
import static com.cloudphone.testing.TestBackend.SAMPLE_ADMIN;
import static com.cloudphone.testing.TestBackend.SAMPLE_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.model.DeviceSession;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UsersHandlerTest {
    private final TestBackend t = new TestBackend();
    private final Samples samples = new Samples(t);
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
        assertEquals(2, body(response).path("items").size());
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
    void sendsAnInvitedUserANewInvitationOnceAndRefusesAUserWhoHasAPassword() {
        var refused = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("send-invitation.json"), null);
        assertEquals(409, refused.getStatusCode(), "the sample user set a password long ago");
        assertEquals("INVALID_STATE", errorCode(refused));

        String invited = t.backend.users.add(new com.cloudphone.service.Caller(TestBackend.SAMPLE_ADMIN,
                TestBackend.SAMPLE_ACCOUNT, "ADMIN"), new com.cloudphone.service.NewUser(
                com.cloudphone.model.UserKind.INVITED, null, "new.hire@example.com", null, "New Hire", null, null, null,
                false)).userId();
        var event = EventLoader.loadApiGatewayHttpEvent("send-invitation.json");
        event.setPathParameters(Map.of("userId", invited));
        var sent = handler.handleRequest(event, null);
        assertEquals(200, sent.getStatusCode(), sent.getBody());
        assertEquals(invited + ".", body(sent).path("invitationToken").asText().substring(0, invited.length() + 1));
        assertEquals("2026-12-01T09:00:00Z", body(sent).path("invitationExpiresAt").asText());
    }

    @Test
    void aPatchClearsWithNullOnlyWhatTheDocumentLetsItClear() {
        for (String field : new String[] {"admin", "leadRouting", "password", "suspended", "displayName", "timezone"}) {
            var event = EventLoader.loadApiGatewayHttpEvent("patch-user.json");
            event.setBody("{\"" + field + "\":null}");
            var response = handler.handleRequest(event, null);
            assertEquals(400, response.getStatusCode(), field + ": " + response.getBody());
        }
        var clear = EventLoader.loadApiGatewayHttpEvent("patch-user.json");
        clear.setBody("{\"extension\":null,\"businessHours\":null}");
        assertEquals(200, handler.handleRequest(clear, null).getStatusCode(), "extension and hours are clearable");
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

    // device routes: GET/POST /users/{userId}/devices, DELETE /users/{userId}/devices/{deviceId}

    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private APIGatewayV2HTTPResponse send(String sample) {
        return send(EventLoader.loadApiGatewayHttpEvent(sample));
    }

    private List<DeviceSession> devices() {
        return t.backend.deviceStore.of(SAMPLE_ACCOUNT, SAMPLE_USER);
    }

    @Test
    void aUserLogsInOnADeviceAndTheAdminSeesIt() {
        var response = send("device-log-in.json");
        assertEquals(201, response.getStatusCode(), response.getBody());
        var device = body(response);
        String deviceId = device.path("deviceId").asText();
        assertTrue(deviceId.startsWith("d_"), deviceId);
        assertEquals(SAMPLE_USER, device.path("userId").asText());
        assertEquals("SOFTPHONE", device.path("kind").asText());
        assertEquals("Jet Phone on laptop", device.path("name").asText());
        assertEquals("2026-11-24T09:00:00Z", device.path("loggedInAt").asText());
        var last = t.bus.published().get(t.bus.published().size() - 1);
        assertEquals("DeviceLoggedIn", last.type());
        assertEquals(deviceId, last.detail().get("deviceId"));

        var list = send("list-devices.json");
        assertEquals(200, list.getStatusCode(), list.getBody());
        assertEquals(List.of(deviceId), body(list).path("devices").findValuesAsText("deviceId"));
        assertEquals("DEVICE", t.backend.deletion.blockers(Samples.ADMIN, SAMPLE_USER).get(0).type());
    }

    @Test
    void badFieldsAreNamedAndNoSessionIsWritten() {
        var before = t.snapshot();
        var event = EventLoader.loadApiGatewayHttpEvent("device-log-in.json");
        event.setBody("{\"kind\": \"FAX\", \"name\": \" \", \"userId\": \"u_sampleadmin\"}");
        var response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("userId", "kind", "name"), body(response).path("error").path("details").findValuesAsText("field"));
        assertTrue(response.getBody().contains("DESK_PHONE"), response.getBody());
        assertEquals(before, t.snapshot());
    }

    @Test
    void aUserCannotLogInOrListForSomeoneElse() {
        var before = t.snapshot();
        var event = EventLoader.loadApiGatewayHttpEvent("device-log-in.json");
        event.setPathParameters(Map.of("userId", SAMPLE_ADMIN));
        var response = send(event);
        assertEquals(403, response.getStatusCode(), response.getBody());
        assertEquals("FORBIDDEN", errorCode(response));
        assertEquals(before, t.snapshot());

        var list = Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("list-devices.json"));
        list.setPathParameters(Map.of("userId", SAMPLE_ADMIN));
        assertEquals(403, send(list).getStatusCode());
        assertEquals(200, send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("list-devices.json"))).getStatusCode());
    }

    @Test
    void anAdminCannotLogInAnUnknownOrRemovedUser() {
        var event = EventLoader.loadApiGatewayHttpEvent("device-log-in.json");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(
                Map.of("sub", SAMPLE_ADMIN, "accountId", SAMPLE_ACCOUNT, "role", "ADMIN"));
        event.setPathParameters(Map.of("userId", "u_nobody"));
        var before = t.snapshot();
        var response = send(event);
        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals("NOT_FOUND", errorCode(response));
        assertEquals(before, t.snapshot());

        t.backend.deletion.delete(Samples.ADMIN, SAMPLE_USER);
        event.setPathParameters(Map.of("userId", SAMPLE_USER));
        before = t.snapshot();
        response = send(event);
        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals(before, t.snapshot());
    }

    @Test
    void logsTheSampleDeviceOutAndASecondLogOutIsNotFound() {
        samples.device();
        var response = send("device-log-out.json");
        assertEquals(204, response.getStatusCode(), response.getBody());
        assertNull(response.getBody());
        assertEquals(List.of(), devices());
        var last = t.bus.published().get(t.bus.published().size() - 1);
        assertEquals("DeviceLoggedOut", last.type());
        assertEquals(Map.of("userId", SAMPLE_USER, "deviceId", Samples.DEVICE), last.detail());

        var again = send("device-log-out.json");
        assertEquals(404, again.getStatusCode(), again.getBody());
        assertEquals("NOT_FOUND", errorCode(again));
    }

    @Test
    void aUserCannotLogOutSomeoneElsesDevice() {
        samples.device();
        var event = Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("device-log-out.json"));
        event.setPathParameters(Map.of("userId", SAMPLE_ADMIN, "deviceId", Samples.DEVICE));
        assertEquals(403, send(event).getStatusCode());
        assertEquals(1, devices().size());
        // their own, they may
        assertEquals(204, send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("device-log-out.json"))).getStatusCode());
    }

    @Test
    void contactsAndDevicesOfAnUnknownUserAre404LikeTheUser() {
        for (String sample : List.of("user-contacts.json", "list-devices.json", "get-user.json")) {
            var event = EventLoader.loadApiGatewayHttpEvent(sample);
            event.setPathParameters(Map.of("userId", "u_nosuchuser"));
            var response = handler.handleRequest(event, null);
            assertEquals(404, response.getStatusCode(), sample + ": " + response.getBody());
            assertEquals("NOT_FOUND", errorCode(response));
        }
    }

    @Test
    void personalDataIsNeitherStoredNorSniffed() {
        var got = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("get-user.json"), null);
        assertEquals(200, got.getStatusCode(), got.getBody());
        assertNotStoredNorSniffed(got);
        assertNotStoredNorSniffed(handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("list-users.json"), null));
    }
}
