package com.cloudphone.event;

import com.cloudphone.model.DomainEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of events/schemas (one per detail-type, EventBridge envelope and detail), applied with networknt's
 * validator. Tests hold every event they publish to its schema: an event type without one fails too.
 */
public final class EventSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** events/schemas of this checkout, found from the working folder up (module tests run in their module). */
    public static Path folder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path schemas = dir.resolve("events/schemas");
            if (Files.isDirectory(schemas)) {
                return schemas;
            }
        }
        throw new IllegalStateException("no events/schemas above " + Path.of("").toAbsolutePath());
    }

    /** The event as EventBridge receives it from the relay: detail-type, source and the detail PutEvents sends. */
    public static String envelope(DomainEvent event) {
        var entry = EventBridgePublisher.entry("test-bus", event);
        try {
            ObjectNode envelope = JSON.createObjectNode();
            envelope.put("detail-type", entry.detailType());
            envelope.put("source", entry.source());
            envelope.set("detail", JSON.readTree(entry.detail()));
            return JSON.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with an envelope (EventBridge's JSON) against its detail-type's schema; empty when it fits. */
    public static List<String> problems(String envelopeJson) {
        String type;
        try {
            JsonNode envelope = JSON.readTree(envelopeJson);
            type = envelope.path("detail-type").asText();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        Path file = folder().resolve(type + ".json");
        if (!type.matches("[A-Za-z]+") || !Files.exists(file)) {
            return List.of("no schema for detail-type '" + type + "' in " + folder());
        }
        Schema schema = SCHEMAS.computeIfAbsent(type, t -> {
            try {
                return REGISTRY.getSchema(Files.readString(file), InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return schema.validate(envelopeJson, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** Fails the test that published an event its schema does not describe. */
    public static void check(DomainEvent event) {
        String envelope = envelope(event);
        List<String> problems = problems(envelope);
        if (!problems.isEmpty()) {
            throw new AssertionError("event " + event.type() + " does not fit events/schemas/" + event.type()
                    + ".json: " + problems + "\n" + envelope);
        }
    }
}
