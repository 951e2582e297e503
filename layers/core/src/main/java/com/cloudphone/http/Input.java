package com.cloudphone.http;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.error.FieldProblem;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A JSON request body read field by field. Problems are collected rather than thrown, so one 400 names every
 * bad field; {@link #done()} throws when there were any. Unknown fields are problems too: a caller who sends
 * {@code accountId} learns it is not taken from the body.
 */
public final class Input {
    private final JsonNode body;
    private final List<FieldProblem> problems = new ArrayList<>();

    private Input(JsonNode body) {
        this.body = body;
    }

    public static Input parse(String raw, Set<String> allowed) {
        JsonNode node;
        try {
            node = raw == null || raw.isBlank() ? null : Json.MAPPER.readTree(raw);
        } catch (Exception e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The body must be a JSON object",
                    List.of(new FieldProblem("body", "must be a JSON object")));
        }
        Input input = new Input(node);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                input.problem(name, "is not a field of this request");
            }
        }
        return input;
    }

    public boolean has(String field) {
        return body.has(field);
    }

    public boolean isNull(String field) {
        return body.has(field) && body.get(field).isNull();
    }

    public JsonNode node(String field) {
        return body.get(field);
    }

    public void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    public void problems(List<FieldProblem> more) {
        problems.addAll(more);
    }

    public boolean ok(String field) {
        return problems.stream().noneMatch(p -> p.field().equals(field));
    }

    /** A trimmed string, or null when absent (a problem if required). Blank counts as absent. */
    public String text(String field, boolean required, int maxLength) {
        String raw = secret(field, required);
        if (raw == null) {
            return null;
        }
        String text = raw.strip();
        if (text.isEmpty()) {
            if (required) problem(field, "must not be blank");
            return null;
        }
        if (text.length() > maxLength) {
            problem(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    /** A string taken exactly as sent (passwords: no trimming). */
    public String secret(String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) problem(field, "is required");
            return null;
        }
        if (!value.isTextual()) {
            problem(field, "must be a string");
            return null;
        }
        return value.asText();
    }

    /** A list of non-blank strings (ids, numbers); empty when absent. */
    public List<String> strings(String field) {
        JsonNode node = body.get(field);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            problem(field, "must be a list");
            return values;
        }
        node.forEach(v -> {
            if (v.isTextual() && !v.asText().isBlank()) {
                values.add(v.asText());
            } else {
                problem(field, "must hold strings");
            }
        });
        return values;
    }

    public Boolean bool(String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            problem(field, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    public Integer integer(String field, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            problem(field, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.intValue();
    }

    public <E extends Enum<E>> E choice(String field, Class<E> type, boolean required) {
        String text = text(field, required, 64);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) names.add(constant.name());
            problem(field, "must be one of " + names);
            return null;
        }
    }

    public void done() {
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }
}
