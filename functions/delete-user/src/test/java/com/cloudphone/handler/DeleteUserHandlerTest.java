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
import com.cloudphone.json.Json;
import com.cloudphone.model.MemberStatus;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import com.cloudphone.testing.TestJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeleteUserHandlerTest {
    private final TestBackend t = new TestBackend();
    private final Samples samples = new Samples(t);
    private DeleteUserHandler handler;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        handler = new DeleteUserHandler(t.backend);
    }

    private APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, null);
    }

    private APIGatewayV2HTTPResponse send(String sample) {
        return send(EventLoader.loadApiGatewayHttpEvent(sample));
    }

    private APIGatewayV2HTTPEvent forUser(String sample, String userId) {
        var event = EventLoader.loadApiGatewayHttpEvent(sample);
        event.setPathParameters(Map.of("userId", userId));
        return event;
    }

    private MemberStatus status(String userId) {
        return t.backend.memberships.member(SAMPLE_ACCOUNT, userId).orElseThrow().status();
    }

    private List<String> fields(APIGatewayV2HTTPResponse response) {
        return body(response).path("error").path("details").findValuesAsText("field");
    }

    private static JsonNode json(String text) throws Exception {
        return TestJson.MAPPER.readTree(text);
    }

    // GET /users/{userId}/deletion-blockers

    @Test
    void listsEveryBlockerAtOnce() {
        samples.offboardingWorld();
        samples.device();
        var response = send("deletion-blockers.json");
        assertEquals(200, response.getStatusCode(), response.getBody());
        var blockers = body(response).path("blockers");
        assertEquals(List.of("QUEUE", "CALLFLOW", "CALLFLOW", "NUMBER", "NUMBER", "NUMBER", "DEVICE"),
                blockers.findValuesAsText("type"));
        assertEquals("Support", blockers.get(0).path("name").asText());
        assertEquals(Samples.QUEUE, blockers.get(0).path("queueId").asText());
        assertEquals(List.of(Samples.DIRECT, Samples.GROUP).stream().sorted().toList(),
                blockers.findValuesAsText("callflowId").stream().sorted().toList());
        assertEquals(List.of(Samples.REASSIGNED, Samples.RELEASED, Samples.RECYCLED),
                blockers.findValuesAsText("number").stream().sorted().toList());
        assertEquals(Samples.DEVICE, blockers.get(6).path("deviceId").asText());
        assertEquals("SOFTPHONE", blockers.get(6).path("kind").asText());
    }

    @Test
    void aUserWithoutDependenciesHasNoBlockersAndOnlyAdminsMayAsk() {
        var response = send("deletion-blockers.json");
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(0, body(response).path("blockers").size());

        assertEquals(403, send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("deletion-blockers.json"))).getStatusCode());
        var missing = send(forUser("deletion-blockers.json", "u_nobody"));
        assertEquals(404, missing.getStatusCode());
        assertEquals("NOT_FOUND", errorCode(missing));
    }

    // DELETE /users/{userId}

    @Test
    void deletesAUserWithoutDependenciesAndHandsThePurgeToTheWorkflow() throws Exception {
        var response = send("delete-user.json");
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(SAMPLE_USER, body(response).path("userId").asText());
        assertEquals("2026-11-24T09:00:00Z", body(response).path("removedAt").asText());
        assertEquals("2026-12-22T09:00:00Z", body(response).path("purgeAt").asText(), "paid accounts keep data 28 days");
        assertEquals(MemberStatus.REMOVED, status(SAMPLE_USER));
        assertEquals("UserRemoved", t.bus.published().get(t.bus.published().size() - 1).type());

        assertEquals(1, t.started.size());
        assertEquals("purge-a_sample-u_sampleuser-1795510800", t.started.get(0)[0], "named by the removal");
        var input = json(t.started.get(0)[1]);
        assertEquals("PURGE_ONLY", input.path("mode").asText());
        // PurgeData and RecordFailure take "jobId.$": "$.jobId": a missing path would fail the execution
        assertTrue(input.has("jobId") && input.get("jobId").isNull(), input.toString());
        assertEquals(SAMPLE_USER, input.path("userId").asText());
        assertEquals("2026-12-22T09:00:00Z", input.path("deletion").path("purgeAt").asText());

        var again = send("delete-user.json");
        assertEquals(404, again.getStatusCode(), again.getBody());
        assertEquals(1, t.started.size());
    }

    @Test
    void aUserWithDependenciesIsRefusedWithEveryBlockerAndNothingIsWritten() throws Exception {
        samples.offboardingWorld();
        samples.device();
        var blockers = body(send("deletion-blockers.json")).path("blockers");
        var before = t.snapshot();
        var response = send("delete-user.json");
        assertEquals(409, response.getStatusCode(), response.getBody());
        assertEquals("USER_HAS_DEPENDENCIES", errorCode(response));
        assertEquals(blockers, body(response).path("error").path("details"));
        assertEquals(before, t.snapshot());
        assertEquals(List.of(), t.started);
        assertEquals(MemberStatus.ACTIVE, status(SAMPLE_USER));
    }

    @Test
    void aLoggedInDeviceAloneStillBlocksTheDelete() {
        samples.device();
        var before = t.snapshot();
        var response = send("delete-user.json");
        assertEquals(409, response.getStatusCode(), response.getBody());
        assertEquals("USER_HAS_DEPENDENCIES", errorCode(response));
        assertEquals(List.of(Samples.DEVICE), body(response).path("error").path("details").findValuesAsText("deviceId"));
        assertEquals(before, t.snapshot());
    }

    @Test
    void theLastAdminStaysAndUsersCannotDelete() {
        var before = t.snapshot();
        var response = send(forUser("delete-user.json", SAMPLE_ADMIN));
        assertEquals(409, response.getStatusCode(), response.getBody());
        assertEquals("INVALID_STATE", errorCode(response));

        response = send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("delete-user.json")));
        assertEquals(403, response.getStatusCode());
        assertEquals("FORBIDDEN", errorCode(response));
        assertEquals(before, t.snapshot());
        assertEquals(List.of(), t.started);
    }

    // POST /users/{userId}/offboarding

    @Test
    void startsOffboardingWithTheSamplePlan() throws Exception {
        samples.offboardingWorld();
        var response = send("offboard-user.json");
        assertEquals(202, response.getStatusCode(), response.getBody());
        String jobId = body(response).path("jobId").asText();
        assertTrue(jobId.startsWith("job_"), jobId);

        assertEquals(1, t.started.size());
        assertEquals(jobId, t.started.get(0)[0]);
        var input = json(t.started.get(0)[1]);
        assertEquals("OFFBOARD", input.path("mode").asText());
        assertEquals(jobId, input.path("jobId").asText());
        assertEquals(SAMPLE_ACCOUNT, input.path("accountId").asText());
        assertEquals(SAMPLE_USER, input.path("userId").asText());
        assertEquals("REMOVE_ALL", input.path("plan").path("queues").asText());
        assertEquals(List.of(Samples.DIRECT, Samples.GROUP), input.path("plan").path("callflows").findValuesAsText("callflowId"));
        assertEquals(Samples.MAIN, input.path("plan").path("callflows").get(0).path("targetCallflowId").asText());
        assertEquals(List.of("REASSIGN", "RELEASE", "RECYCLE"), input.path("plan").path("numbers").findValuesAsText("action"));
        // the items are what the Map states hand the task functions: the task samples have the same shape
        assertEquals(json(Json.write(Samples.task("task-callflow-move-numbers.json").get("item"))),
                input.path("plan").path("callflows").get(0));
        assertEquals(json(Json.write(Samples.task("task-number-release.json").get("item"))),
                input.path("plan").path("numbers").get(1));

        var job = t.backend.jobs.get(SAMPLE_ACCOUNT, jobId).orElseThrow();
        assertEquals("RUNNING", job.status().name());
        assertEquals("STARTING", job.currentStep());
    }

    @Test
    void theSamePlanAgainJoinsTheRunningJobAndAnotherPlanIsRefused() {
        samples.offboardingWorld();
        String jobId = body(send("offboard-user.json")).path("jobId").asText();
        var again = send("offboard-user.json");
        assertEquals(202, again.getStatusCode(), again.getBody());
        assertEquals(jobId, body(again).path("jobId").asText());
        assertEquals(1, t.started.size());

        var other = EventLoader.loadApiGatewayHttpEvent("offboard-user.json");
        other.setBody(other.getBody().replace("\"RECYCLE\"", "\"REASSIGN\", \"toUserId\": \"u_sampleadmin\""));
        var before = t.snapshot();
        var refused = send(other);
        assertEquals(409, refused.getStatusCode(), refused.getBody());
        assertEquals("JOB_IN_PROGRESS", errorCode(refused));
        assertTrue(body(refused).path("error").path("message").asText().contains(jobId));
        assertEquals(before, t.snapshot());
        assertEquals(1, t.started.size());
    }

    @Test
    void aPlanThatLeavesDependenciesIsRefusedNamingThemAndStartsNothing() {
        samples.offboardingWorld();
        var before = t.snapshot();
        var event = EventLoader.loadApiGatewayHttpEvent("offboard-user.json");
        event.setBody("{}");
        var response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("VALIDATION_FAILED", errorCode(response));
        assertEquals(List.of("queues", "callflows", "callflows", "numbers", "numbers", "numbers"), fields(response));
        assertEquals(before, t.snapshot());
        assertEquals(List.of(), t.started);
    }

    @Test
    void aReleasedOrSelfHeirAndMalformedEntriesAreNamed() {
        samples.offboardingWorld();
        samples.number("+14155550106");
        t.backend.numberService.release(Samples.ADMIN, "+14155550106", Samples.MAIN_NUMBER);
        var before = t.snapshot();

        var event = EventLoader.loadApiGatewayHttpEvent("offboard-user.json");
        event.setBody(event.getBody().replace("\"contactsHeir\": \"+14155550102\"", "\"contactsHeir\": \"+14155550106\""));
        var response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("numbers[+14155550104].contactsHeir"), fields(response));

        event.setBody(event.getBody().replace("\"contactsHeir\": \"+14155550106\"", "\"contactsHeir\": \"+14155550104\""));
        response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("numbers[+14155550104].contactsHeir"), fields(response));

        event.setBody("{\"queues\": \"SOME\", \"callflows\": [{\"callflowId\": \"cf_sampledirect\", \"action\": \"MOVE_NUMBERS\"}],"
                + " \"numbers\": [{\"number\": \"+14155550103\", \"action\": \"GIVE_AWAY\"}], \"userId\": \"u_sampleadmin\"}");
        response = send(event);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("userId", "queues", "callflows[cf_sampledirect].targetCallflowId",
                "numbers[+14155550103].action"), fields(response));
        assertEquals(before, t.snapshot());
        assertEquals(List.of(), t.started);
    }

    @Test
    void offboardingIsForAdminsAndKnownUsers() {
        var response = send(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("offboard-user.json")));
        assertEquals(403, response.getStatusCode());
        response = send(forUser("offboard-user.json", "u_nobody"));
        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals(List.of(), t.started);
    }

    // GET /jobs/{jobId}

    @Test
    void readsTheJob() {
        samples.offboardingWorld();
        String jobId = body(send("offboard-user.json")).path("jobId").asText();
        var event = EventLoader.loadApiGatewayHttpEvent("get-job.json");
        event.setPathParameters(Map.of("jobId", jobId));
        var response = send(event);
        assertEquals(200, response.getStatusCode(), response.getBody());
        var job = body(response);
        assertEquals(jobId, job.path("jobId").asText());
        assertEquals(SAMPLE_USER, job.path("userId").asText());
        assertEquals("RUNNING", job.path("status").asText());
        assertEquals("STARTING", job.path("currentStep").asText());
        assertTrue(job.path("plan").path("removeFromAllQueues").asBoolean(), job.toString());
        assertEquals(3, job.path("plan").path("numbers").size());
        assertEquals(0, job.path("steps").size());
        assertTrue(job.path("error").isMissingNode(), job.toString());

        assertEquals(403, send(Samples.asSampleUser(event)).getStatusCode());
    }

    @Test
    void anUnknownJobIsNotFound() {
        var response = send("get-job.json");
        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals("NOT_FOUND", errorCode(response));
    }
}
