package com.cloudphone.handler;

import static com.cloudphone.testing.Responses.body;
import static com.cloudphone.testing.Responses.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.testing.TestBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NumbersHandlerTest {
    private final TestBackend t = new TestBackend();
    private NumbersHandler handler;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        handler = new NumbersHandler(t.backend);
    }

    @Test
    void addsListsAndTakesContacts() {
        var added = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("add-number.json"), null);
        assertEquals(201, added.getStatusCode(), added.getBody());
        assertEquals("AVAILABLE", body(added).path("state").asText());

        var again = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("add-number.json"), null);
        assertEquals(409, again.getStatusCode());
        assertEquals("NUMBER_TAKEN", errorCode(again));

        var listed = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("list-numbers.json"), null);
        assertEquals(1, body(listed).path("items").size());

        var contact = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("add-contact.json"), null);
        assertEquals(201, contact.getStatusCode(), contact.getBody());
        assertEquals("+14155550100", body(contact).path("number").asText());
    }

    @Test
    void rejectsNumbersThatAreNotE164() {
        var event = EventLoader.loadApiGatewayHttpEvent("add-number.json");
        event.setBody("{\"number\":\"415-555-0100\"}");
        var response = handler.handleRequest(event, null);
        assertEquals(400, response.getStatusCode());
        assertEquals("number", body(response).path("error").path("details").get(0).path("field").asText());
        assertEquals(0, t.backend.numbers.list(TestBackend.SAMPLE_ACCOUNT).size());
    }
}
