package com.cloudphone.handler;

import static com.cloudphone.testing.Responses.body;
import static com.cloudphone.testing.Responses.errorCode;
import static com.cloudphone.testing.TestBackend.SAMPLE_ACCOUNT;
import static com.cloudphone.testing.TestBackend.SAMPLE_ADMIN;
import static com.cloudphone.testing.TestBackend.SAMPLE_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.model.Contact;
import com.cloudphone.model.NumberState;
import com.cloudphone.model.PhoneNumber;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** release-number.json releases +14155550100 (assigned to u_sampleuser, one contact) with heir +14155550101. */
class ReleaseNumberHandlerTest {
    private static final String NUMBER = "+14155550100";
    private static final String HEIR = "+14155550101";
    private final TestBackend t = new TestBackend();
    private final Samples samples = new Samples(t);
    private ReleaseNumberHandler handler;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        samples.assigned(NUMBER, SAMPLE_USER);
        samples.contact(NUMBER, "Pat Morgan", "+14155550199");
        samples.number(HEIR);
        handler = new ReleaseNumberHandler(t.backend);
    }

    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private APIGatewayV2HTTPResponse send(String sample) {
        return send(EventLoader.loadApiGatewayHttpEvent(sample));
    }

    private PhoneNumber number(String e164) {
        return t.backend.numbers.get(SAMPLE_ACCOUNT, e164).orElseThrow();
    }

    private List<String> contactNames(String e164) {
        return t.backend.numbers.contacts(SAMPLE_ACCOUNT, e164).stream().map(Contact::name).toList();
    }

    private List<String> fields(APIGatewayV2HTTPResponse response) {
        return body(response).path("error").path("details").findValuesAsText("field");
    }

    @Test
    void releasesTheNumberAndItsContactsGoToTheHeir() {
        var response = send("release-number.json");
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(NUMBER, body(response).path("number").asText());
        assertEquals("RELEASED", body(response).path("state").asText());
        assertTrue(body(response).path("assigneeUserId").isMissingNode(), response.getBody());
        assertEquals(NumberState.RELEASED, number(NUMBER).state());
        assertEquals(List.of(), contactNames(NUMBER));
        assertEquals(List.of("Pat Morgan"), contactNames(HEIR));
        assertEquals(List.of(), t.backend.numberService.contactsOf(Samples.ADMIN, SAMPLE_USER));
        var last = t.bus.published().get(t.bus.published().size() - 1);
        assertEquals("NumberReleased", last.type());
        assertEquals(Map.of("number", NUMBER, "contactsHeir", HEIR, "contactsMoved", 1L), last.detail(),
                "as consumers read it: the JSON the outbox stored");
    }

    @Test
    void aReleasedHeirIsRefusedAndNothingMoves() {
        samples.number("+14155550102");
        t.backend.numberService.release(Samples.ADMIN, HEIR, "+14155550102");
        var before = t.snapshot();
        var response = send("release-number.json");
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("VALIDATION_FAILED", errorCode(response));
        assertEquals(List.of("contactsHeir"), fields(response));
        assertEquals(before, t.snapshot());
        assertEquals(NumberState.ASSIGNED, number(NUMBER).state());
        assertEquals(List.of("Pat Morgan"), contactNames(NUMBER));
    }

    @Test
    void badBodiesAndPathsAreNamedAndWriteNothing() {
        var before = t.snapshot();
        for (String bad : List.of("{\"contactsHeir\": \"+14155550100\"}", "{\"contactsHeir\": \"4155550101\"}",
                "{\"contactsHeir\": \"+14155550177\"}", "{}")) {
            var event = EventLoader.loadApiGatewayHttpEvent("release-number.json");
            event.setBody(bad);
            var response = send(event);
            assertEquals(400, response.getStatusCode(), bad + ": " + response.getBody());
            assertEquals(List.of("contactsHeir"), fields(response), bad);
        }
        var event = EventLoader.loadApiGatewayHttpEvent("release-number.json");
        event.setBody("{\"contactsHeir\": \"+14155550101\", \"userId\": \"u_sampleadmin\"}");
        assertEquals(List.of("userId"), fields(send(event)));

        event = EventLoader.loadApiGatewayHttpEvent("release-number.json");
        event.setPathParameters(Map.of("number", "14155550100"));
        var response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("number"), fields(response));
        assertEquals(before, t.snapshot());
    }

    @Test
    void anUnknownNumberIsNotFoundAndAUserCannotRelease() {
        var before = t.snapshot();
        var event = EventLoader.loadApiGatewayHttpEvent("release-number.json");
        event.setPathParameters(Map.of("number", "%2B14155550111"));
        var response = send(event);
        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals("NOT_FOUND", errorCode(response));

        response = send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("release-number.json")));
        assertEquals(403, response.getStatusCode());
        assertEquals("FORBIDDEN", errorCode(response));
        assertEquals(before, t.snapshot());
    }

    @Test
    void recyclingPutsTheNumberBackUnassignedAndUnroutedAndARepeatChangesNothing() {
        samples.direct(Samples.MAIN, "Main line", SAMPLE_ADMIN, "+14155550102");
        t.backend.numberService.assign(Samples.ADMIN, "+14155550102", SAMPLE_ADMIN);
        var event = EventLoader.loadApiGatewayHttpEvent("recycle-number.json");
        event.setPathParameters(Map.of("number", "%2B14155550102"));
        var routed = send(event);
        assertEquals(200, routed.getStatusCode(), routed.getBody());
        assertTrue(body(routed).path("callflowId").isMissingNode(), routed.getBody());
        assertTrue(body(routed).path("assigneeUserId").isMissingNode(), routed.getBody());
        assertEquals(List.of(), t.backend.callflowStore.get(SAMPLE_ACCOUNT, Samples.MAIN).orElseThrow().numbers());

        var response = send("recycle-number.json");
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("AVAILABLE", body(response).path("state").asText());
        assertTrue(body(response).path("assigneeUserId").isMissingNode(), response.getBody());
        assertEquals(NumberState.AVAILABLE, number(NUMBER).state());
        assertEquals(List.of(), t.backend.numberService.assignedTo(SAMPLE_ACCOUNT, SAMPLE_USER));
        var last = t.bus.published().get(t.bus.published().size() - 1);
        assertEquals("NumberRecycled", last.type());
        assertEquals(SAMPLE_USER, last.detail().get("previousUserId"));

        var before = t.snapshot();
        int events = t.bus.published().size();
        var again = send("recycle-number.json");
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals("AVAILABLE", body(again).path("state").asText());
        assertEquals(before, t.snapshot());
        assertEquals(events, t.bus.published().size());
    }

    @Test
    void aReleasedNumberCannotBeRecycled() {
        send("release-number.json");
        var before = t.snapshot();
        var response = send("recycle-number.json");
        assertEquals(409, response.getStatusCode(), response.getBody());
        assertEquals("INVALID_STATE", errorCode(response));
        assertEquals(before, t.snapshot());

        assertEquals(403, send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("recycle-number.json"))).getStatusCode());
        var event = EventLoader.loadApiGatewayHttpEvent("recycle-number.json");
        event.setPathParameters(Map.of("number", "%2B14155550111"));
        assertEquals(404, send(event).getStatusCode());
    }
}
