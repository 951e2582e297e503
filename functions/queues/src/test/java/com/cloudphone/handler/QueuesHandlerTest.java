package com.cloudphone.handler;

import static com.cloudphone.testing.Responses.body;
import static com.cloudphone.testing.Responses.errorCode;
import static com.cloudphone.testing.TestBackend.SAMPLE_ACCOUNT;
import static com.cloudphone.testing.TestBackend.SAMPLE_ADMIN;
import static com.cloudphone.testing.TestBackend.SAMPLE_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.model.Queue;
import com.cloudphone.testing.Samples;
import com.cloudphone.testing.TestBackend;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueuesHandlerTest {
    private final TestBackend t = new TestBackend();
    private final Samples samples = new Samples(t);
    private QueuesHandler handler;

    @BeforeEach
    void seed() {
        t.seedSampleAccount();
        samples.extension(SAMPLE_USER, "1002");
        samples.extension(SAMPLE_ADMIN, "1001");
        handler = new QueuesHandler(t.backend);
    }

    private List<Queue> queues() {
        return t.backend.queueStore.list(SAMPLE_ACCOUNT);
    }

    /** Members are stored as a set: compare them as one. */
    private Set<String> members() {
        return Set.copyOf(queues().get(0).memberUserIds());
    }

    @Test
    void createsAQueueFromTheSampleEventWithItsMembersByExtension() {
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("create-queue.json"), null);
        assertEquals(201, response.getStatusCode(), response.getBody());
        var queue = body(response);
        assertTrue(queue.path("queueId").asText().startsWith("q_"), queue.toString());
        assertEquals("Support", queue.path("name").asText());
        assertEquals(List.of("1002", "1001"), queue.path("members").findValuesAsText("extension"));
        assertEquals(List.of(SAMPLE_USER, SAMPLE_ADMIN), queue.path("members").findValuesAsText("userId"));
        assertEquals(Set.of(SAMPLE_USER, SAMPLE_ADMIN), members());
    }

    @Test
    void aUserTokenCannotCreateQueuesAndNothingIsWritten() {
        var before = t.snapshot();
        var response = handler.handleRequest(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("create-queue.json")), null);
        assertEquals(403, response.getStatusCode(), response.getBody());
        assertEquals("FORBIDDEN", errorCode(response));
        assertEquals(before, t.snapshot());
    }

    @Test
    void badFieldsAreNamedAndNothingIsWritten() {
        var before = t.snapshot();
        var event = EventLoader.loadApiGatewayHttpEvent("create-queue.json");
        event.setBody("{\"name\": \"  \", \"memberUserIds\": \"u_sampleuser\", \"accountId\": \"a_other\"}");
        var response = handler.handleRequest(event, null);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("VALIDATION_FAILED", errorCode(response));
        var fields = body(response).path("error").path("details").findValuesAsText("field");
        assertTrue(fields.containsAll(List.of("name", "memberUserIds", "accountId")), fields.toString());
        assertEquals(before, t.snapshot());
    }

    @Test
    void aMemberWhoIsNotAnActiveUserIsRefusedAndNoQueueIsCreated() {
        var before = t.snapshot();
        var event = EventLoader.loadApiGatewayHttpEvent("create-queue.json");
        event.setBody("{\"name\": \"Support\", \"memberUserIds\": [\"u_sampleuser\", \"u_nobody\"]}");
        var response = handler.handleRequest(event, null);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(List.of("memberUserIds"), body(response).path("error").path("details").findValuesAsText("field"));
        assertTrue(response.getBody().contains("u_nobody"), response.getBody());
        assertEquals(before, t.snapshot());
    }

    @Test
    void listsTheQueuesWithMembersByExtension() {
        samples.queue(SAMPLE_USER);
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("list-queues.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        var queues = body(response).path("items");
        assertEquals(1, queues.size());
        assertEquals(Samples.QUEUE, queues.get(0).path("queueId").asText());
        assertEquals("1002", queues.get(0).path("members").get(0).path("extension").asText());
        assertEquals("sample-user", queues.get(0).path("members").get(0).path("displayName").asText());
    }

    @Test
    void aUserTokenCannotListQueues() {
        samples.queue(SAMPLE_USER);
        var response = handler.handleRequest(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("list-queues.json")), null);
        assertEquals(403, response.getStatusCode());
        assertEquals("FORBIDDEN", errorCode(response));
    }

    @Test
    void removesTheUserFromTheQueueAndARepeatIsANoOp() {
        samples.queue(SAMPLE_USER, SAMPLE_ADMIN);
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("remove-from-queue.json"), null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(List.of(SAMPLE_ADMIN), body(response).path("members").findValuesAsText("userId"));
        assertEquals(Set.of(SAMPLE_ADMIN), members());
        var last = t.bus.published().get(t.bus.published().size() - 1);
        assertEquals("UserRemovedFromQueue", last.type());
        assertEquals(Map.of("queueId", Samples.QUEUE, "userId", SAMPLE_USER), last.detail());

        int events = t.bus.published().size();
        var again = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("remove-from-queue.json"), null);
        assertEquals(200, again.getStatusCode(), again.getBody());
        assertEquals(List.of(SAMPLE_ADMIN), body(again).path("members").findValuesAsText("userId"));
        assertEquals(events, t.bus.published().size(), "removing a non-member publishes nothing");
    }

    @Test
    void anUnknownQueueIsNotFoundAndCreatesNothing() {
        var before = t.snapshot();
        var response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("remove-from-queue.json"), null);
        assertEquals(404, response.getStatusCode(), response.getBody());
        assertEquals("NOT_FOUND", errorCode(response));
        assertEquals(before, t.snapshot(), "the conditional update must not create a queue item");
    }

    @Test
    void aUserTokenCannotRemoveQueueMembers() {
        samples.queue(SAMPLE_USER);
        var response = handler.handleRequest(Samples.asSampleUser(EventLoader.loadApiGatewayHttpEvent("remove-from-queue.json")), null);
        assertEquals(403, response.getStatusCode());
        assertEquals(Set.of(SAMPLE_USER), members());
    }
}
