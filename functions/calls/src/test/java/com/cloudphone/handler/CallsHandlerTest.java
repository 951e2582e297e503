package com.cloudphone.handler;

import static com.cloudphone.testing.Responses.body;
import static com.cloudphone.testing.Responses.errorCode;
import static com.cloudphone.testing.TestBackend.SAMPLE_ADMIN;
import static com.cloudphone.testing.TestBackend.SAMPLE_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.model.PageRequest;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallsHandlerTest {
    private final TestBackend t = new TestBackend();
    private final Samples samples = new Samples(t);
    private CallsHandler handler;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        samples.extension(SAMPLE_USER, "1002");
        handler = new CallsHandler(t.backend);
    }

    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private APIGatewayV2HTTPResponse send(String sample) {
        return send(EventLoader.loadApiGatewayHttpEvent(sample));
    }

    private List<String> fields(APIGatewayV2HTTPResponse response) {
        return body(response).path("error").path("details").findValuesAsText("field");
    }

    /** One call of the admin's, then the sample call of the user's. */
    private void twoCalls() {
        t.backend.calls.record(Samples.ADMIN, "+13125550101", "+14155550101", SAMPLE_ADMIN, 7, "2026-11-24T08:00:00Z");
        assertEquals(201, send("record-call.json").getStatusCode());
    }

    @Test
    void recordsTheSampleCallWithTheUsersNameAndExtensionAsOfNow() {
        var response = send("record-call.json");
        assertEquals(201, response.getStatusCode(), response.getBody());
        var call = body(response);
        assertTrue(call.path("callId").asText().startsWith("call_"), call.toString());
        assertEquals("+13125550100", call.path("from").asText());
        assertEquals("+14155550100", call.path("to").asText());
        assertEquals(SAMPLE_USER, call.path("userId").asText());
        assertEquals("sample-user", call.path("userName").asText());
        assertEquals("1002", call.path("extension").asText());
        assertEquals(42, call.path("durationSeconds").asInt());
        assertEquals("2026-11-24T08:55:00Z", call.path("startedAt").asText());
        assertEquals(1, t.backend.calls.list(Samples.ADMIN, SAMPLE_USER, PageRequest.FIRST).items().size());
    }

    @Test
    void badFieldsAreAllNamedAndNothingIsRecorded() {
        var before = t.snapshot();
        var event = EventLoader.loadApiGatewayHttpEvent("record-call.json");
        event.setBody("{\"from\": \"3125550100\", \"to\": \"+14155550100\", \"durationSeconds\": -1, "
                + "\"startedAt\": \"yesterday\", \"accountId\": \"a_other\"}");
        var response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("accountId", "from", "userId", "durationSeconds", "startedAt"), fields(response));

        event.setBody("{\"from\": \"+13125550100\", \"to\": \"+14155550100\", \"userId\": \"u_sampleuser\", "
                + "\"startedAt\": \"2026-11-24T08:55:00Z\"}");
        response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("durationSeconds"), fields(response));
        assertTrue(response.getBody().contains("is required"), response.getBody());

        event.setBody("{\"from\": \"+13125550100\", \"to\": \"+14155550100\", \"userId\": \"u_nobody\", "
                + "\"durationSeconds\": 5, \"startedAt\": \"2026-11-24T08:55:00Z\"}");
        response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("userId"), fields(response));
        assertEquals(before, t.snapshot());
    }

    @Test
    void aUserTokenCannotRecordCalls() {
        var before = t.snapshot();
        var response = send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("record-call.json")));
        assertEquals(403, response.getStatusCode(), response.getBody());
        assertEquals("FORBIDDEN", errorCode(response));
        assertEquals(before, t.snapshot());
    }

    @Test
    void anAdminListsEveryCallOrOneUsers() {
        twoCalls();
        var all = send("list-calls.json");
        assertEquals(200, all.getStatusCode(), all.getBody());
        assertEquals(List.of(SAMPLE_ADMIN, SAMPLE_USER), body(all).path("items").findValuesAsText("userId").stream().sorted().toList());

        var theirs = send("list-calls-by-user.json");
        assertEquals(200, theirs.getStatusCode(), theirs.getBody());
        assertEquals(List.of(SAMPLE_USER), body(theirs).path("items").findValuesAsText("userId"));
        assertEquals(List.of("+14155550100"), body(theirs).path("items").findValuesAsText("to"));
    }

    @Test
    void aUserSeesOnlyTheirOwnCalls() {
        twoCalls();
        var own = send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("list-calls.json")));
        assertEquals(200, own.getStatusCode(), own.getBody());
        assertEquals(List.of(SAMPLE_USER), body(own).path("items").findValuesAsText("userId"));

        var event = Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("list-calls-by-user.json"));
        event.setQueryStringParameters(Map.of("userId", SAMPLE_ADMIN));
        var refused = send(event);
        assertEquals(403, refused.getStatusCode(), refused.getBody());
        assertEquals("FORBIDDEN", errorCode(refused));
    }

    @Test
    void aRemovedOrUnknownUserIsNoFilterButTheirCallsStay() {
        twoCalls();
        t.backend.deletion.delete(Samples.ADMIN, SAMPLE_USER);
        var response = send("list-calls-by-user.json");
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("userId"), fields(response));

        var event = EventLoader.loadApiGatewayHttpEvent("list-calls-by-user.json");
        event.setQueryStringParameters(Map.of("userId", "u_nobody"));
        assertEquals(400, send(event).getStatusCode());

        var all = send("list-calls.json");
        assertEquals(2, body(all).path("items").size(), all.getBody());
    }
}
