package com.cloudphone.http;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.error.FieldProblem;
import com.cloudphone.json.Json;
import com.cloudphone.model.Ids;
import com.cloudphone.model.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON request body read field by field. Problems are collected rather than thrown, so one 400 names every
 * bad field; {@link #done()} throws when there were any. Unknown fields are problems too: a caller who sends
 * {@code accountId} learns it is not taken from the body.
 */
public final class Input {
    /** Whether a field must be in the body. */
    public enum Presence {
        REQUIRED, OPTIONAL;

        public static Presence requiredIf(boolean required) {
            return required ? REQUIRED : OPTIONAL;
        }
    }

    private final Map<String, Object> body;
    private final List<FieldProblem> problems = new ArrayList<>();
    private Set<String> nullable = Set.of();

    private Input(Map<String, Object> body) {
        this.body = body;
    }

    public static Input parse(String raw, Set<String> allowed) {
        Object node;
        try {
            node = raw == null || raw.isBlank() ? null : Json.parse(raw);
        } catch (Json.RepeatedField e) {
            throw ApiException.invalid(e.field(), "appears more than once in the body");
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.MALFORMED_JSON, "The body is not valid JSON");
        }
        if (!(node instanceof Map<?, ?> object)) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "The body must be a JSON object",
                    List.of(new FieldProblem("body", "must be a JSON object")));
        }
        @SuppressWarnings("unchecked")
        Input input = new Input((Map<String, Object>) object);
        for (String name : input.body.keySet()) {
            if (!allowed.contains(name)) {
                input.problem(name, "is not a field of this request");
            }
        }
        return input;
    }

    public boolean has(String field) {
        return body.containsKey(field);
    }

    public boolean isNull(String field) {
        return body.containsKey(field) && body.get(field) == null;
    }

    /** The field as parsed (see {@link Json}): a map, list, string, number, boolean, or null. */
    public Object value(String field) {
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
    public String text(String field, Presence presence, int maxLength) {
        boolean required = presence == Presence.REQUIRED;
        String raw = exact(field, presence);
        if (raw == null) {
            return null;
        }
        String text = raw.strip();
        if (text.isEmpty()) {
            if (required) problem(field, "must not be blank");
            return null;
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            problem(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    /** A name people read ({@link Rules#nameProblem}): trimmed, bounded, and refused when it would mislead. */
    public String name(String field, Presence presence, int maxLength) {
        String text = text(field, presence, maxLength);
        String problem = text == null ? null : Rules.nameProblem(text);
        if (problem != null) {
            problem(field, problem);
            return null;
        }
        return text;
    }

    /** An id ({@link Ids#isId}) exactly as sent, or null when absent (a problem if required). */
    public String id(String field, Presence presence) {
        String text = exact(field, presence);
        if (text != null && !Ids.isId(text)) {
            problem(field, Ids.FORMAT);
            return null;
        }
        return text;
    }

    /** A list of at most {@code max} ids, each named when malformed; empty when absent. */
    public List<String> ids(String field, int max) {
        List<String> values = strings(field, max);
        for (String v : values) {
            if (!Ids.isId(v)) {
                problem(field, Ids.FORMAT);
                return List.of();
            }
        }
        return values;
    }

    /**
     * A string taken exactly as sent: passwords, and values the document gives a pattern or an enum (ids, E.164
     * numbers, choices). Nothing is trimmed, and an empty string is a bad value, not an absent one. Null when absent
     * or not a string (a problem if required or not a string).
     */
    public String exact(String field, Presence presence) {
        boolean required = presence == Presence.REQUIRED;
        Object value = body.get(field);
        if (value == null) {
            if (required) problem(field, "is required");
            return null;
        }
        if (!(value instanceof String text)) {
            problem(field, "must be a string");
            return null;
        }
        return text;
    }

    /** A list of at most {@code max} non-blank strings (ids, numbers); empty when absent. */
    public List<String> strings(String field, int max) {
        Object node = body.get(field);
        List<String> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (!(node instanceof List<?> items)) {
            problem(field, "must be a list");
            return values;
        }
        if (items.size() > max) {
            problem(field, "must hold at most " + max + " entries");
            return values;
        }
        for (Object v : items) {
            if (v instanceof String text && !text.isBlank()) {
                values.add(text);
            } else {
                problem(field, "must hold strings");
            }
        }
        return values;
    }

    public Boolean bool(String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean b)) {
            problem(field, "must be true or false");
            return null;
        }
        return b;
    }

    public Integer integer(String field, int min, int max) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Long n) || n < min || n > max) {
            problem(field, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return n.intValue();
    }

    /** One of the enum's names, exactly as the document spells them (capitals, nothing around them). */
    public <E extends Enum<E>> E choice(String field, Class<E> type, Presence presence) {
        String text = exact(field, presence);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E constant : type.getEnumConstants()) names.add(constant.name());
            problem(field, "must be one of " + names);
            return null;
        }
    }

    /** The fields a null may be sent for (to clear them); any other field sent as null is refused by {@link #done}. */
    public Input allowingNull(String... fields) {
        nullable = Set.of(fields);
        return this;
    }

    /**
     * Ends reading: every problem found so far is one 400. A field sent as null where the document does not let it
     * be null is a problem too, never taken as absent.
     */
    public void done() {
        body.forEach((field, value) -> {
            if (value == null && !nullable.contains(field) && ok(field)) {
                problem(field, "must not be null");
            }
        });
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }
}
