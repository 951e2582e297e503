package com.cloudphone.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A payload template (Parameters, ResultSelector, ItemSelector), compiled once: fields whose name ends in
 * {@code .$} take a path or an intrinsic function, the rest are copied.
 */
interface Template {
    JsonNode evaluate(JsonNode input, Context context);

    static Template compile(JsonNode node, String where) {
        if (node.isObject()) {
            List<Map.Entry<String, Template>> fields = new ArrayList<>();
            node.fields().forEachRemaining(field -> {
                String name = field.getKey();
                if (name.endsWith(".$")) {
                    if (!field.getValue().isTextual()) {
                        throw new InvalidDefinition(where + ": the value of " + name + " must be a path or an intrinsic function");
                    }
                    fields.add(Map.entry(name.substring(0, name.length() - 2),
                            expression(field.getValue().asText(), where + "." + name)));
                } else {
                    fields.add(Map.entry(name, compile(field.getValue(), where + "." + name)));
                }
            });
            return new Fields(fields);
        }
        if (node.isArray()) {
            List<Template> items = new ArrayList<>();
            node.forEach(item -> items.add(compile(item, where + "[]")));
            return new Items(items);
        }
        return new Constant(node);
    }

    /** The value of a {@code .$} field: a path, or a call such as {@code States.Format('{}', $.a)}. */
    static Template expression(String text, String where) {
        String trimmed = text.trim();
        if (trimmed.startsWith("$")) {
            try {
                return new PathValue(JsonPath.parse(trimmed), where);
            } catch (InvalidDefinition e) {
                throw new InvalidDefinition(where + ": " + e.getMessage());
            }
        }
        if (trimmed.startsWith("States.")) {
            return Intrinsics.parse(trimmed, where);
        }
        throw new InvalidDefinition(where + ": " + text + " is neither a path nor an intrinsic function");
    }

    record Constant(JsonNode value) implements Template {
        @Override
        public JsonNode evaluate(JsonNode input, Context context) {
            return value.deepCopy();
        }
    }

    record Fields(List<Map.Entry<String, Template>> fields) implements Template {
        @Override
        public JsonNode evaluate(JsonNode input, Context context) {
            ObjectNode out = Trees.MAPPER.createObjectNode();
            for (var field : fields) {
                out.set(field.getKey(), field.getValue().evaluate(input, context));
            }
            return out;
        }
    }

    record Items(List<Template> items) implements Template {
        @Override
        public JsonNode evaluate(JsonNode input, Context context) {
            ArrayNode out = Trees.MAPPER.createArrayNode();
            items.forEach(item -> out.add(item.evaluate(input, context)));
            return out;
        }
    }

    record PathValue(JsonPath path, String where) implements Template {
        @Override
        public JsonNode evaluate(JsonNode input, Context context) {
            return path.read(input, context, "field " + where).deepCopy();
        }
    }

    /** A quoted literal in an intrinsic call; Format needs its text before unescaping, to tell \{ from {. */
    record Literal(String raw) implements Template {
        @Override
        public JsonNode evaluate(JsonNode input, Context context) {
            return TextNode.valueOf(raw.replaceAll("\\\\(.)", "$1"));
        }
    }
}
