package com.cloudphone.handler;

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
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallflowsHandlerTest {
    private final TestBackend t = new TestBackend();
    private final Samples samples = new Samples(t);
    private CallflowsHandler handler;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        handler = new CallflowsHandler(t.backend);
    }

    private APIGatewayV2HTTPResponse send(String sample) {
        return handler.handleRequest(EventLoader.loadApiGatewayHttpEvent(sample), null);
    }

    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private List<String> fields(APIGatewayV2HTTPResponse response) {
        return body(response).path("error").path("details").findValuesAsText("field");
    }

    private String routedBy(String number) {
        return t.backend.numbers.get(SAMPLE_ACCOUNT, number).orElseThrow().callflowId();
    }

    /** The direct line and the main line of the sample world, each routing its number. */
    private void directAndMain() {
        samples.direct(Samples.DIRECT, "Direct line Sample User", SAMPLE_USER, Samples.DIRECT_NUMBER);
        samples.direct(Samples.MAIN, "Main line", SAMPLE_ADMIN, Samples.MAIN_NUMBER);
    }

    // POST /callflows

    @Test
    void createsADirectLineFromTheSampleEvent() {
        samples.number(Samples.DIRECT_NUMBER);
        var response = send("create-callflow.json");
        assertEquals(201, response.getStatusCode(), response.getBody());
        var callflow = body(response);
        String id = callflow.path("callflowId").asText();
        assertTrue(id.startsWith("cf_"), id);
        assertEquals("DIRECT", callflow.path("kind").asText());
        assertEquals("ACTIVE", callflow.path("status").asText());
        assertEquals(List.of(Samples.DIRECT_NUMBER), Samples.texts(callflow.path("numbers")));
        assertEquals(1, callflow.path("versions").size());
        assertEquals(1, callflow.path("versions").get(0).path("version").asInt());
        assertEquals("ACTIVE", callflow.path("versions").get(0).path("status").asText());
        assertEquals(SAMPLE_USER, callflow.path("versions").get(0).path("userId").asText());
        assertEquals(id, routedBy(Samples.DIRECT_NUMBER));
        assertEquals("CallflowCreated", t.bus.published().get(t.bus.published().size() - 1).type());
    }

    @Test
    void createsAGroupFromTheSampleEvent() {
        samples.number(Samples.GROUP_NUMBER);
        var response = send("create-callflow-group.json");
        assertEquals(201, response.getStatusCode(), response.getBody());
        var version = body(response).path("versions").get(0);
        assertEquals("GROUP", body(response).path("kind").asText());
        assertEquals(List.of(SAMPLE_USER, SAMPLE_ADMIN), Samples.texts(version.path("dialUserIds")));
        assertTrue(version.path("userId").isMissingNode(), version.toString());
    }

    @Test
    void badFieldsAreAllNamedAndNothingIsWritten() {
        samples.number(Samples.DIRECT_NUMBER);
        var before = t.snapshot();
        var event = EventLoader.loadApiGatewayHttpEvent("create-callflow.json");
        event.setBody("{\"name\": \"\", \"kind\": \"LOOP\", \"numbers\": [\"4155550100\"], \"dialUserIds\": \"u_sampleuser\"}");
        var response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertTrue(fields(response).containsAll(List.of("name", "kind", "numbers", "dialUserIds")), fields(response).toString());
        assertEquals(before, t.snapshot());

        event.setBody("{\"name\": \"Direct\", \"kind\": \"DIRECT\", \"numbers\": [\"+14155550100\"], \"dialUserIds\": [\"u_sampleuser\"]}");
        response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("userId", "dialUserIds"), fields(response));

        event.setBody("{\"name\": \"Sales\", \"kind\": \"GROUP\", \"dialUserIds\": []}");
        response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("dialUserIds"), fields(response));
        assertEquals(before, t.snapshot());
    }

    @Test
    void aNumberAlreadyRoutedOrAnInactiveUserIsRefusedWithoutWriting() {
        directAndMain();
        var before = t.snapshot();
        var response = send("create-callflow.json");
        assertEquals(409, response.getStatusCode(), response.getBody());
        assertEquals("CONFLICT", errorCode(response));
        assertEquals(List.of("numbers"), fields(response));

        var event = EventLoader.loadApiGatewayHttpEvent("create-callflow.json");
        event.setBody("{\"name\": \"Ghost\", \"kind\": \"DIRECT\", \"userId\": \"u_nobody\"}");
        response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("userId"), fields(response));
        assertEquals(before, t.snapshot());
    }

    @Test
    void aUserTokenCannotCreateCallflows() {
        samples.number(Samples.DIRECT_NUMBER);
        var before = t.snapshot();
        var response = send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("create-callflow.json")));
        assertEquals(403, response.getStatusCode());
        assertEquals("FORBIDDEN", errorCode(response));
        assertEquals(before, t.snapshot());
    }

    // GET /callflows, GET /callflows/{callflowId}

    @Test
    void listsAndReadsCallflows() {
        directAndMain();
        var list = send("list-callflows.json");
        assertEquals(200, list.getStatusCode(), list.getBody());
        assertEquals(List.of(Samples.DIRECT, Samples.MAIN).stream().sorted().toList(),
                body(list).path("items").findValuesAsText("callflowId").stream().sorted().toList());

        var one = send("get-callflow.json");
        assertEquals(200, one.getStatusCode(), one.getBody());
        assertEquals(Samples.DIRECT, body(one).path("callflowId").asText());
        assertEquals("Direct line Sample User", body(one).path("name").asText());
        assertEquals(Samples.DIRECT_NUMBER, body(one).path("numbers").get(0).asText());
    }

    @Test
    void anUnknownCallflowIsNotFoundAndUsersCannotRead() {
        var missing = send("get-callflow.json");
        assertEquals(404, missing.getStatusCode());
        assertEquals("NOT_FOUND", errorCode(missing));

        directAndMain();
        assertEquals(403, send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("list-callflows.json"))).getStatusCode());
        assertEquals(403, send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("get-callflow.json"))).getStatusCode());
    }

    // POST /callflows/{callflowId}/reassign

    @Test
    void reassignMovesEveryNumberToTheTargetAndLeavesTheSourceAvailable() {
        directAndMain();
        var response = send("reassign-callflow.json");
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(Samples.DIRECT, body(response).path("callflowId").asText());
        assertEquals("AVAILABLE", body(response).path("status").asText());
        assertEquals(0, body(response).path("numbers").size());
        assertEquals(List.of(Samples.MAIN_NUMBER, Samples.DIRECT_NUMBER),
                t.backend.callflowStore.get(SAMPLE_ACCOUNT, Samples.MAIN).orElseThrow().numbers());
        assertEquals(Samples.MAIN, routedBy(Samples.DIRECT_NUMBER));
        var last = t.bus.published().get(t.bus.published().size() - 1);
        assertEquals("CallflowReassigned", last.type());
        assertEquals(Samples.MAIN, last.detail().get("targetCallflowId"));
    }

    @Test
    void reassignRefusesABadTargetAndAnUnknownSourceWithoutWriting() {
        directAndMain();
        var before = t.snapshot();
        var event = EventLoader.loadApiGatewayHttpEvent("reassign-callflow.json");
        event.setBody("{\"targetCallflowId\": \"cf_nowhere\"}");
        var response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("targetCallflowId"), fields(response));

        event.setBody("{\"targetCallflowId\": \"" + Samples.DIRECT + "\"}");
        response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("targetCallflowId"), fields(response));

        event.setBody("{}");
        response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("targetCallflowId"), fields(response));

        event = EventLoader.loadApiGatewayHttpEvent("reassign-callflow.json");
        event.setPathParameters(Map.of("callflowId", "cf_nowhere"));
        response = send(event);
        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals("NOT_FOUND", errorCode(response));

        response = send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("reassign-callflow.json")));
        assertEquals(403, response.getStatusCode());
        assertEquals(before, t.snapshot());
    }

    // POST /callflows/{callflowId}/versions

    @Test
    void savingAGroupEditMakesANewActiveVersion() {
        samples.group(Samples.GROUP, "Sales", List.of(Samples.GROUP_NUMBER), SAMPLE_USER, SAMPLE_ADMIN);
        var response = send("save-callflow-version.json");
        assertEquals(201, response.getStatusCode(), response.getBody());
        var versions = body(response).path("versions");
        assertEquals(List.of("1", "2"), versions.findValuesAsText("version"));
        assertEquals(List.of("AVAILABLE", "ACTIVE"), versions.findValuesAsText("status"));
        assertEquals(List.of(SAMPLE_ADMIN), Samples.texts(versions.get(1).path("dialUserIds")));
        assertEquals("ACTIVE", body(response).path("status").asText(), "the callflow still routes its number");
    }

    @Test
    void aDirectLineTakesNoDialListAndAnEmptyListIsRefused() {
        samples.group(Samples.GROUP, "Sales", List.of(Samples.GROUP_NUMBER), SAMPLE_USER, SAMPLE_ADMIN);
        directAndMain();
        var before = t.snapshot();
        var event = EventLoader.loadApiGatewayHttpEvent("save-callflow-version.json");
        event.setPathParameters(Map.of("callflowId", Samples.DIRECT));
        var response = send(event);
        assertEquals(409, response.getStatusCode(), response.getBody());
        assertEquals("INVALID_STATE", errorCode(response));

        event = EventLoader.loadApiGatewayHttpEvent("save-callflow-version.json");
        event.setBody("{\"dialUserIds\": []}");
        response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("dialUserIds"), fields(response));

        event.setBody("{\"dialUserIds\": [\"u_nobody\"]}");
        response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("dialUserIds"), fields(response));
        assertEquals(before, t.snapshot());
    }

    // DELETE /callflows/{callflowId}/versions/{version}

    @Test
    void deletesAnAvailableVersion() {
        samples.group(Samples.GROUP, "Sales", List.of(Samples.GROUP_NUMBER), SAMPLE_USER, SAMPLE_ADMIN);
        send("save-callflow-version.json");
        var response = send("delete-callflow-version.json");
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(List.of("2"), body(response).path("versions").findValuesAsText("version"));
        assertEquals("CallflowVersionsDeleted", t.bus.published().get(t.bus.published().size() - 1).type());

        var again = send("delete-callflow-version.json");
        assertEquals(404, again.getStatusCode(), again.getBody());
        assertEquals("NOT_FOUND", errorCode(again));
    }

    @Test
    void theActiveVersionCannotBeDeletedAndABadVersionIsNamed() {
        samples.group(Samples.GROUP, "Sales", List.of(Samples.GROUP_NUMBER), SAMPLE_USER, SAMPLE_ADMIN);
        var before = t.snapshot();
        var response = send("delete-callflow-version.json");
        assertEquals(409, response.getStatusCode(), response.getBody());
        assertEquals("INVALID_STATE", errorCode(response));

        for (String bad : List.of("0", "two", "-1")) {
            var event = EventLoader.loadApiGatewayHttpEvent("delete-callflow-version.json");
            event.setPathParameters(Map.of("callflowId", Samples.GROUP, "version", bad));
            response = send(event);
            assertEquals(400, response.getStatusCode(), bad + ": " + response.getBody());
            assertEquals(List.of("version"), fields(response));
        }
        assertEquals(before, t.snapshot());
    }

    // DELETE /callflows/{callflowId}

    @Test
    void deletesACallflowOnceItRoutesNoNumbers() {
        directAndMain();
        var before = t.snapshot();
        var refused = send("delete-callflow.json");
        assertEquals(409, refused.getStatusCode(), refused.getBody());
        assertEquals("INVALID_STATE", errorCode(refused));
        assertTrue(body(refused).path("error").path("message").asText().contains(Samples.DIRECT_NUMBER));
        assertEquals(before, t.snapshot());

        assertEquals(200, send("reassign-callflow.json").getStatusCode());
        var response = send("delete-callflow.json");
        assertEquals(204, response.getStatusCode(), response.getBody());
        assertNull(response.getBody());
        assertEquals(404, send("get-callflow.json").getStatusCode());
        assertEquals(404, send("delete-callflow.json").getStatusCode());
        assertEquals(403, send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("delete-callflow.json"))).getStatusCode());
    }
}
