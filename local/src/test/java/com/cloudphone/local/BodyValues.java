package com.cloudphone.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Values that satisfy a schema, for the valid bodies of {@link ContractPropertyTest}. */
final class BodyValues {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private BodyValues() {
    }

    /** Values a regular expression cannot practically produce, keyed by pattern (or field name where it says more). */
    static final Map<String, Function<Random, String>> KNOWN_GOOD = Map.of(
            "^\\+[1-9][0-9]{6,14}$", r -> "+1415555" + String.format("%04d", r.nextInt(10_000)),
            "^([01][0-9]|2[0-3]):[0-5][0-9]$", r -> String.format("%02d:%02d", r.nextInt(24), r.nextInt(60)),
            "^[A-Za-z0-9_-]{1,64}$", r -> "id-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36),
            "^[0-9]{2,6}$", r -> Integer.toString(10 + r.nextInt(999_990)),
            "^[A-Za-z0-9._-]+$", r -> "prop." + Long.toString(r.nextLong() & Long.MAX_VALUE, 36));

    static final Map<String, Function<Random, String>> BY_FIELD = Map.of(
            "username", r -> "prop." + r.nextInt(1_000_000),
            "email", r -> "prop" + r.nextInt(1_000_000) + "@example.test",
            "password", r -> "Prop-pass-" + r.nextInt(1000),
            "currentPassword", r -> "Owner-pass-1",
            "displayName", r -> "Prop User " + r.nextInt(1000),
            "name", r -> "Prop " + r.nextInt(1000),
            "timezone", r -> List.of("Europe/London", "America/Chicago", "Asia/Tokyo", "Australia/Sydney")
                    .get(r.nextInt(4)),
            "token", r -> "invitation-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36));

    static JsonNode generate(Schema<?> schema, String path, ContractPropertyTest.World world, Random r, boolean randomOptional) {
        String type = Breakages.type(schema);
        switch (type) {
            case "object": {
                ObjectNode node = JSON.objectNode();
                if (schema.getProperties() != null) {
                    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
                    schema.getProperties().forEach((name, property) -> {
                        if (required.contains(name) || (randomOptional ? r.nextBoolean() : false)) {
                            node.set(name, generate(property, Breakages.join(path, name), world, r, randomOptional));
                        }
                    });
                } else if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                    int n = r.nextInt(2) + (randomOptional ? 0 : 1);
                    for (int i = 0; i < n; i++) {
                        String k = world.ids().getOrDefault(path + "{}", "key-" + i);
                        node.set(k, generate(values, Breakages.join(path, k), world, r, randomOptional));
                    }
                }
                return node;
            }
            case "array": {
                ArrayNode node = JSON.arrayNode();
                int min = schema.getMinItems() == null ? 0 : schema.getMinItems();
                int n = Math.max(min, r.nextInt(3));
                for (int i = 0; i < n; i++) {
                    node.add(generate(schema.getItems(), path + "[" + i + "]", world, r, randomOptional));
                }
                return node;
            }
            case "integer": {
                long min = schema.getMinimum() == null ? 0 : schema.getMinimum().longValue();
                long max = schema.getMaximum() == null ? 1000 : schema.getMaximum().longValue();
                return JSON.numberNode(min + (long) (r.nextDouble() * (max - min + 1)));
            }
            case "boolean":
                return JSON.booleanNode(r.nextBoolean());
            default:
                return JSON.textNode(string(schema, path, world, r));
        }
    }

    static String string(Schema<?> schema, String path, ContractPropertyTest.World world, Random r) {
        String field = Breakages.leaf(path);
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return String.valueOf(schema.getEnum().get(r.nextInt(schema.getEnum().size())));
        }
        String known = world.ids().get(field);
        if (known != null) {
            String[] choices = known.split(",");
            java.util.regex.Matcher index = Pattern.compile("\\[(\\d+)]$").matcher(path);
            return choices[index.find() ? Integer.parseInt(index.group(1)) % choices.length : 0];
        }
        if ("date-time".equals(schema.getFormat())) {
            return "2026-11-" + (10 + r.nextInt(13)) + "T" + String.format("%02d", r.nextInt(24)) + ":00:00Z";
        }
        if (schema.getPattern() != null && KNOWN_GOOD.containsKey(schema.getPattern())) {
            String value = KNOWN_GOOD.get(schema.getPattern()).apply(r);
            if (!Pattern.compile(schema.getPattern()).matcher(value).find()) {
                throw new AssertionError("known-good value " + value + " does not match " + schema.getPattern());
            }
            return value;
        }
        if (schema.getPattern() != null) {
            throw new AssertionError(path + ": no known-good value for pattern " + schema.getPattern()
                    + "; add one to KNOWN_GOOD");
        }
        if (BY_FIELD.containsKey(field)) {
            return BY_FIELD.get(field).apply(r);
        }
        if (schema.getExample() != null) {
            return String.valueOf(schema.getExample());
        }
        throw new AssertionError(path + ": no way to make a valid string (" + schema.getDescription()
                + "); add one to BY_FIELD");
    }
}
