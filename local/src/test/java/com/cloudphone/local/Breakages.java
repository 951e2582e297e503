package com.cloudphone.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/** The ways to break a valid request body in exactly one place, read from its schema ({@link ContractPropertyTest}). */
final class Breakages {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Breakages() {
    }

    record Breakage(String what, String field, JsonNode body) {
    }

    /** Every way to break {@code node} (at {@code path} in {@code root}) in one place, each a copy of the root. */
    static void breakages(Schema<?> schema, JsonNode node, String path, ObjectNode root, List<Breakage> out) {
        String type = type(schema);
        if (!path.isEmpty() && !Boolean.TRUE.equals(schema.getNullable())) {
            out.add(new Breakage("null where not nullable", path, with(root, path, JSON.nullNode())));
        }
        if (!path.isEmpty()) {
            JsonNode wrong = switch (type) {
                case "string" -> JSON.numberNode(7);
                case "integer" -> JSON.textNode("7");
                case "boolean" -> JSON.textNode("true");
                case "array" -> JSON.textNode("a list");
                default -> JSON.arrayNode();
            };
            out.add(new Breakage("a " + wrong.getNodeType() + " for a " + type, path, with(root, path, wrong)));
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = (ObjectNode) node;
                if (schema.getProperties() != null) {
                    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
                    for (String name : required) {
                        ObjectNode copy = root.deepCopy();
                        ((ObjectNode) at(copy, path)).remove(name);
                        out.add(new Breakage("required field left out", join(path, name), copy));
                    }
                    // an optional field present, so it can be broken too
                    schema.getProperties().forEach((name, property) -> {
                        if (object.has(name)) {
                            breakages(property, object.get(name), join(path, name), root, out);
                        } else {
                            ContractPropertyTest.World none = new ContractPropertyTest.World(null, Map.of(), v -> "");
                            JsonNode value;
                            try {
                                value = BodyValues.generate(property, join(path, name), none, new Random(name.hashCode()), false);
                            } catch (AssertionError e) {
                                return;
                            }
                            ObjectNode withIt = root.deepCopy();
                            ((ObjectNode) at(withIt, path)).set(name, value);
                            breakages(property, value, join(path, name), withIt, out);
                        }
                    });
                }
                if (Boolean.FALSE.equals(schema.getAdditionalProperties())) {
                    out.add(new Breakage("a field the schema does not have", join(path, "unexpected"),
                            with(root, join(path, "unexpected"), JSON.numberNode(1))));
                } else if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                    Iterator<String> names = object.fieldNames();
                    if (names.hasNext()) {
                        String name = names.next();
                        breakages(values, object.get(name), join(path, name), root, out);
                    }
                    if (schema.getMaxProperties() != null) {
                        ObjectNode many = root.deepCopy();
                        ObjectNode target = (ObjectNode) at(many, path);
                        JsonNode sample = object.elements().hasNext() ? object.elements().next()
                                : JSON.textNode(String.valueOf(values.getEnum().get(0)));
                        for (int i = 0; i <= schema.getMaxProperties(); i++) {
                            target.set("key-" + i, sample);
                        }
                        out.add(new Breakage("more entries than maxProperties", path, many));
                    }
                }
            }
            case "array" -> {
                ArrayNode array = (ArrayNode) node;
                JsonNode item = array.isEmpty() ? null : array.get(0);
                if (schema.getMaxItems() != null && item != null) {
                    ArrayNode many = JSON.arrayNode();
                    for (int i = 0; i <= schema.getMaxItems(); i++) {
                        many.add(item);
                    }
                    out.add(new Breakage("more items than maxItems", path, with(root, path, many)));
                }
                if (schema.getMinItems() != null && schema.getMinItems() > 0) {
                    out.add(new Breakage("fewer items than minItems", path, with(root, path, JSON.arrayNode())));
                }
                if (item != null) {
                    breakages(schema.getItems(), item, path + "[0]", root, out);
                } else {
                    ArrayNode one = JSON.arrayNode();
                    ContractPropertyTest.World none = new ContractPropertyTest.World(null, Map.of(), v -> "");
                    try {
                        one.add(BodyValues.generate(schema.getItems(), path + "[0]", none, new Random(1), false));
                    } catch (AssertionError e) {
                        return;
                    }
                    ObjectNode withOne = with(root, path, one);
                    breakages(schema.getItems(), one.get(0), path + "[0]", withOne, out);
                }
            }
            case "integer" -> {
                if (schema.getMinimum() != null) {
                    out.add(new Breakage("below minimum", path, with(root, path,
                            JSON.numberNode(schema.getMinimum().subtract(BigDecimal.ONE).longValue()))));
                }
                if (schema.getMaximum() != null) {
                    out.add(new Breakage("above maximum", path, with(root, path,
                            JSON.numberNode(schema.getMaximum().add(BigDecimal.ONE).longValue()))));
                }
                out.add(new Breakage("a fraction for an integer", path, with(root, path, JSON.numberNode(1.5))));
            }
            case "string" -> {
                if (schema.getEnum() != null) {
                    out.add(new Breakage("a value outside the enum", path, with(root, path, JSON.textNode("NOT_ONE"))));
                    out.add(new Breakage("an enum value in lower case", path, with(root, path,
                            JSON.textNode(String.valueOf(schema.getEnum().get(0)).toLowerCase()))));
                }
                if (schema.getPattern() != null) {
                    Pattern p = Pattern.compile(schema.getPattern());
                    for (String candidate : List.of("", "x y", "+0123", "24:00", "9:00", "1", "!", "abc\u0000",
                            node.asText() + " ", " " + node.asText())) {
                        if (!p.matcher(candidate).find() && fitsLength(schema, candidate)) {
                            out.add(new Breakage("'" + candidate + "' outside the pattern", path,
                                    with(root, path, JSON.textNode(candidate))));
                        }
                    }
                }
                if ("email".equals(schema.getFormat())) {
                    out.add(new Breakage("not an email", path, with(root, path, JSON.textNode("not-an-email"))));
                }
                if ("date-time".equals(schema.getFormat())) {
                    out.add(new Breakage("not a date-time", path, with(root, path, JSON.textNode("yesterday"))));
                    out.add(new Breakage("a date without a time", path, with(root, path, JSON.textNode("2026-11-20"))));
                }
                if (schema.getMaxLength() != null) {
                    String text = node.asText();
                    StringBuilder longer = new StringBuilder(text.isEmpty() ? "a" : text);
                    while (longer.codePointCount(0, longer.length()) <= schema.getMaxLength()) {
                        longer.append(longer.charAt(longer.length() - 1) == '@' ? 'a' : 'a');
                    }
                    if (text.contains("@")) {
                        longer = new StringBuilder("a".repeat(schema.getMaxLength()) + "@x.test");
                    }
                    out.add(new Breakage("longer than maxLength", path, with(root, path,
                            JSON.textNode(longer.toString()))));
                }
                if (schema.getMinLength() != null && schema.getMinLength() > 0) {
                    String shorter = node.asText().substring(0, schema.getMinLength() - 1);
                    out.add(new Breakage("shorter than minLength", path, with(root, path, JSON.textNode(shorter))));
                }
            }
            default -> {
            }
        }
    }

    static boolean fitsLength(Schema<?> schema, String s) {
        int n = s.codePointCount(0, s.length());
        return (schema.getMinLength() == null || n >= schema.getMinLength())
                && (schema.getMaxLength() == null || n <= schema.getMaxLength());
    }

    static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getProperties() != null || schema.getAdditionalProperties() != null) {
            return "object";
        }
        if (schema.getItems() != null) {
            return "array";
        }
        return "string";
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static String leaf(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        return last.replaceAll("\\[\\d+]$", "");
    }

    /** The node at a path such as {@code numbers[0].action} (the root for ""). */
    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        if (path.isEmpty()) {
            return node;
        }
        for (String part : path.split("\\.")) {
            java.util.regex.Matcher m = Pattern.compile("^(.*?)((\\[\\d+])*)$").matcher(part);
            m.matches();
            node = node.get(m.group(1));
            java.util.regex.Matcher idx = Pattern.compile("\\[(\\d+)]").matcher(m.group(2));
            while (idx.find()) {
                node = node.get(Integer.parseInt(idx.group(1)));
            }
        }
        return node;
    }

    /** A copy of root with the value at path replaced (or added). */
    static ObjectNode with(ObjectNode root, String path, JsonNode value) {
        ObjectNode copy = root.deepCopy();
        int dot = path.lastIndexOf('.');
        String parentPath = dot < 0 ? "" : path.substring(0, dot);
        String last = dot < 0 ? path : path.substring(dot + 1);
        java.util.regex.Matcher m = Pattern.compile("^(.*)\\[(\\d+)]$").matcher(last);
        if (m.matches()) {
            ArrayNode array = (ArrayNode) at(copy, join(parentPath, m.group(1)));
            array.set(Integer.parseInt(m.group(2)), value);
        } else {
            ((ObjectNode) at(copy, parentPath)).set(last, value);
        }
        return copy;
    }
}
