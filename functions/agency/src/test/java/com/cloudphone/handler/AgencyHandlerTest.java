package com.cloudphone.handler;

import static com.cloudphone.handler.AgencyWorld.AGENCY;
import static com.cloudphone.handler.AgencyWorld.MOVER;
import static com.cloudphone.handler.AgencyWorld.SUB;
import static com.cloudphone.testing.Responses.body;
import static com.cloudphone.testing.Responses.errorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.json.Json;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.testing.TestBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgencyHandlerTest {
    private final TestBackend t = new TestBackend();
    private AgencyHandler handler;

    @BeforeEach
    void seed() {
        AgencyWorld.seed(t);
        handler = new AgencyHandler(t.backend);
    }

    private APIGatewayV2HTTPResponse send(String sample) {
        return handler.handleRequest(EventLoader.loadApiGatewayHttpEvent(sample), null);
    }

    @Test
    void setsAndReadsTheRolesOfALoginAcrossTheAgency() {
        APIGatewayV2HTTPResponse set = send("agency-set-roles.json");
        assertEquals(200, set.getStatusCode(), set.getBody());
        assertEquals("ADMIN", body(set).path("roles").path(SUB).asText());
        assertEquals("ADMIN", t.backend.memberships.member(SUB, MOVER).orElseThrow().role().name());
        APIGatewayV2HTTPResponse read = send("agency-get-roles.json");
        assertEquals(Map.of(SUB, "ADMIN"), Json.parseObject(read.getBody()).get("roles"));
        assertTrue(t.bus.published().stream().anyMatch(e -> e.type().equals("UserUpdated")
                && e.detail().get("changed").equals(List.of("role"))));
    }

    @Test
    void aSubAccountAdminCannotActForTheAgency() {
        var event = EventLoader.loadApiGatewayHttpEvent("agency-set-roles.json");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(
                Map.of("sub", AgencyWorld.SUB_OWNER, "accountId", SUB, "role", "ADMIN"));
        var before = t.snapshot();
        APIGatewayV2HTTPResponse refused = handler.handleRequest(event, null);
        assertEquals(403, refused.getStatusCode(), refused.getBody());
        assertEquals(before, t.snapshot());
    }

    @Test
    void badRoleListsAreRefusedWithoutWritingAnything() {
        var before = t.snapshot();
        for (String body : List.of("{}", "{\"roles\": []}", "{\"roles\": {\"a_samplesub\": \"OWNER\"}}",
                "{\"roles\": {\"a_samplesub\": 1}}", "{\"roles\": {}, \"accountId\": \"a_other\"}",
                "{\"roles\": {\"a_elsewhere\": \"USER\"}}", "{\"roles\": {\"a_sampleagency\": \"USER\"}}")) {
            var event = EventLoader.loadApiGatewayHttpEvent("agency-set-roles.json");
            event.setBody(body);
            APIGatewayV2HTTPResponse refused = handler.handleRequest(event, null);
            assertEquals(400, refused.getStatusCode(), body + " -> " + refused.getBody());
            assertEquals("VALIDATION_FAILED", errorCode(refused), body);
        }
        assertEquals(before, t.snapshot());
        assertTrue(t.bus.published().stream().noneMatch(e -> e.type().equals("UserUpdated")));
    }

    @Test
    void removalFromAllAccountsStartsAJob() {
        APIGatewayV2HTTPResponse started = send("agency-remove-user.json");
        assertEquals(202, started.getStatusCode(), started.getBody());
        String jobId = body(started).path("jobId").asText();
        assertEquals(1, t.started.size());
        Map<String, Object> input = Json.parseObject(t.started.get(0)[1]);
        assertEquals("AGENCY_REMOVAL", input.get("mode"));
        assertEquals(List.of(SUB), input.get("accounts"));
        assertEquals(jobId, input.get("jobId"));
        assertEquals("RUNNING", t.backend.jobs.get(AGENCY, jobId).orElseThrow().status().name());
        // nothing is removed until the workflow runs; asking again while it runs answers with the same job
        assertEquals(MemberStatus.ACTIVE, t.backend.memberships.member(SUB, MOVER).orElseThrow().status());
        assertEquals(jobId, body(send("agency-remove-user.json")).path("jobId").asText());
    }

    @Test
    void theAgencysLastAgencyAdminStays() {
        var event = EventLoader.loadApiGatewayHttpEvent("agency-remove-user.json");
        event.setPathParameters(Map.of("userId", AgencyWorld.AGENCY_ADMIN));
        APIGatewayV2HTTPResponse refused = handler.handleRequest(event, null);
        assertEquals(409, refused.getStatusCode(), refused.getBody());
        assertEquals("INVALID_STATE", errorCode(refused));
    }
}
