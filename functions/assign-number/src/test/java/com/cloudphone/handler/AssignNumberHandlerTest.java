package com.cloudphone.handler;

import static com.cloudphone.testing.Responses.body;
import static com.cloudphone.testing.Responses.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.model.NumberState;
import com.cloudphone.service.Caller;
import com.cloudphone.testing.TestBackend;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AssignNumberHandlerTest {
    private final TestBackend t = new TestBackend();
    private final Caller admin = new Caller(TestBackend.SAMPLE_ADMIN, TestBackend.SAMPLE_ACCOUNT, "ADMIN");
    private AssignNumberHandler handler;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        t.backend.numberService.add(admin, "+14155550100");
        handler = new AssignNumberHandler(t.backend);
    }

    @Test
    void assignsAnAvailableNumber() {
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("assign-number.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("ASSIGNED", body(response).path("state").asText());
        assertEquals(TestBackend.SAMPLE_USER, body(response).path("assigneeUserId").asText());
        assertEquals("NumberAssigned", t.bus.published().get(t.bus.published().size() - 1).type());
    }

    @Test
    void reassignmentMovesTheContactsToTheNewAssignee() {
        t.backend.numberService.assign(admin, "+14155550100", TestBackend.SAMPLE_ADMIN);
        t.backend.numberService.addContact(admin, "+14155550100", "Pat Morgan", "+14155550199");

        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("assign-number.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(0, t.backend.numberService.contactsOf(admin, TestBackend.SAMPLE_ADMIN).size());
        assertEquals(1, t.backend.numberService.contactsOf(admin, TestBackend.SAMPLE_USER).size());
        assertEquals(TestBackend.SAMPLE_ADMIN, t.bus.published().get(t.bus.published().size() - 1).detail().get("previousUserId"));
    }

    @Test
    void unknownUserOrNumberWritesNothing() {
        var event = EventLoader.loadApiGatewayHttpEvent("assign-number.json");
        event.setBody("{\"userId\":\"u_nobody\"}");
        var response = handler.handleRequest(event, null);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(NumberState.AVAILABLE, t.backend.numbers.get(TestBackend.SAMPLE_ACCOUNT, "+14155550100").orElseThrow().state());

        event = EventLoader.loadApiGatewayHttpEvent("assign-number.json");
        event.setPathParameters(Map.of("number", "%2B14155550111"));
        response = handler.handleRequest(event, null);
        assertEquals(404, response.getStatusCode());
        assertEquals("NOT_FOUND", errorCode(response));
    }
}
