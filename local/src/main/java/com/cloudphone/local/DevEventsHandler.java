package com.cloudphone.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.cloudphone.local.sfn.Trees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /dev/events[?type=&accountId=]}: the events that reached the local bus, as EventBridge delivered them
 * to the tap queue (envelope and full detail, with the event's own {@code detail.eventId}), oldest first.
 */
final class DevEventsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Supplier<List<JsonNode>> delivered;

    /** {@code delivered}: relays what the stream holds and drains the tap first, so a read sees every event. */
    DevEventsHandler(Supplier<List<JsonNode>> delivered) {
        this.delivered = delivered;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        Map<String, String> query = request.getQueryStringParameters() == null ? Map.of() : request.getQueryStringParameters();
        String type = query.get("type");
        String accountId = query.get("accountId");
        ArrayNode events = Trees.MAPPER.createArrayNode();
        for (JsonNode e : delivered.get()) {
            if ((type == null || type.equals(e.path("detail-type").asText()))
                    && (accountId == null || accountId.equals(e.path("detail").path("accountId").asText()))) {
                events.add(e);
            }
        }
        return Responses.json(200, Trees.MAPPER.createObjectNode().set("events", events));
    }
}
