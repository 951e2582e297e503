package com.cloudphone.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A reference path, the JSONPath subset that names one node: {@code $}, {@code $.a.b}, {@code $.a[0]},
 * {@code $['a']}; a path starting {@code $$} reads the context object. Steps are field names (String) or array
 * indexes (Integer, negative counts from the end).
 */
record JsonPath(String text, boolean context, List<Object> steps) {
    static final JsonPath ROOT = new JsonPath("$", false, List.of());

    static JsonPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new InvalidDefinition("not a path (it must start with $): " + text);
        }
        boolean context = text.startsWith("$$");
        List<Object> steps = new ArrayList<>();
        int i = context ? 2 : 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                String name = text.substring(start, i);
                if (name.isEmpty() || name.equals("*")) {
                    throw unsupported(text);
                }
                steps.add(name);
            } else if (c == '[' && i + 1 < text.length() && (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '"')) {
                char quote = text.charAt(i + 1);
                int end = text.indexOf(quote, i + 2);
                if (end < 0 || end + 1 >= text.length() || text.charAt(end + 1) != ']') {
                    throw unsupported(text);
                }
                steps.add(text.substring(i + 2, end));
                i = end + 2;
            } else if (c == '[') {
                int end = text.indexOf(']', i);
                String index = end < 0 ? "" : text.substring(i + 1, end).trim();
                if (!index.matches("-?\\d{1,9}")) {
                    throw unsupported(text);
                }
                steps.add(Integer.parseInt(index));
                i = end + 1;
            } else {
                throw unsupported(text);
            }
        }
        return new JsonPath(text, context, List.copyOf(steps));
    }

    private static InvalidDefinition unsupported(String text) {
        return new InvalidDefinition("unsupported path " + text
                + " (supported: $, $.a.b, $.a[0], $['a'], and the same after $$)");
    }

    /** The node at this path, or null when it is not there (a JSON null that is there is a NullNode). */
    JsonNode find(JsonNode input, Context context) {
        JsonNode node = this.context ? context.json() : input;
        for (Object step : steps) {
            if (node == null) {
                return null;
            }
            if (step instanceof Integer index) {
                int i = index < 0 ? node.size() + index : index;
                node = node.isArray() && i >= 0 ? node.get(i) : null;
            } else {
                node = node.isObject() ? node.get((String) step) : null;
            }
        }
        return node;
    }

    /** The node at this path; States.Runtime when it is not there. */
    JsonNode read(JsonNode input, Context context, String usedAs) {
        JsonNode found = find(input, context);
        if (found == null) {
            throw Failure.runtime("Invalid path '" + text + "' : The " + usedAs + " could not be found in "
                    + (this.context ? "the context object" : "the input '" + input + "'"));
        }
        return found;
    }

    /**
     * A copy of {@code input} with {@code value} put at this path (ResultPath), creating the objects on the
     * way; States.Runtime when something on the way is not an object.
     */
    JsonNode write(JsonNode input, JsonNode value) {
        if (context) {
            throw Failure.runtime("ResultPath " + text + " cannot write the context object");
        }
        if (steps.isEmpty()) {
            return value;
        }
        if (input == null || !(input.isObject() || input.isArray())) {
            throw Failure.runtime("Unable to apply ResultPath '" + text + "' to input '" + input + "'");
        }
        JsonNode root = input.deepCopy();
        JsonNode node = root;
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof String field && node instanceof ObjectNode object) {
                if (last) {
                    object.set(field, value);
                } else {
                    JsonNode child = object.get(field);
                    if (child == null || child.isNull()) {
                        child = object.putObject(field);
                    }
                    node = child;
                }
            } else if (step instanceof Integer index && node instanceof ArrayNode array
                    && (index < 0 ? array.size() + index : index) >= 0
                    && (index < 0 ? array.size() + index : index) < array.size()) {
                int at = index < 0 ? array.size() + index : index;
                if (last) {
                    array.set(at, value);
                } else {
                    node = array.get(at);
                }
            } else {
                throw Failure.runtime("Unable to apply ResultPath '" + text + "' to input '" + input + "'");
            }
        }
        return root;
    }

    static JsonNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Override
    public String toString() {
        return text;
    }
}
