package com.cloudphone.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out on Jackson's streaming parser and generator, without databind: a cold function loads a few
 * dozen classes for it instead of several hundred, and no ObjectMapper is built. JSON objects read as
 * insertion-ordered {@code Map<String, Object>}, arrays as {@code List<Object>}, integers as {@code Long} (or
 * {@code BigInteger}), other numbers as {@code BigDecimal}. Writing takes those, strings, numbers, booleans,
 * enums (by name) and records (their components in order); null members of objects and records are left out,
 * unless given as {@link #NULL}.
 */
public final class Json {
    /** Put in a map to write an explicit {@code null} member (a Step Functions path must exist to be read). */
    public static final Object NULL = new Object();

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            List<Component> components = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                Method accessor = c.getAccessor();
                accessor.setAccessible(true); // records nested privately in a service
                components.add(new Component(c.getName(), accessor));
            }
            return List.copyOf(components);
        }
    };

    private record Component(String name, Method accessor) {
    }

    private Json() {
    }

    /** A member name given twice in one object: which value was meant cannot be known, so nothing is taken. */
    public static final class RepeatedField extends IllegalArgumentException {
        private final String field;

        RepeatedField(String field) {
            super("member " + field + " appears more than once");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Reads one JSON value; anything else in the text (a second value) is malformed, and a member named twice in
     * one object is a {@link RepeatedField}.
     */
    public static Object parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            Object value = read(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON", e);
        }
    }

    /** The text as a JSON object, or an empty map when it is not one (stored documents, error causes). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        try {
            return parse(text) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (object.containsKey(name)) {
                        throw new RepeatedField(name);
                    }
                    object.put(name, read(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDecimalValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalArgumentException("unexpected " + token);
        }
    }

    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null || value == NULL) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger i) {
            out.writeNumber(i);
        } else if (value instanceof BigDecimal d) {
            out.writeNumber(d);
        } else if (value instanceof Number n) {
            out.writeNumber(n.doubleValue());
        } else if (value instanceof Enum<?> e) {
            out.writeString(e.name());
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() != null) {
                    out.writeFieldName(String.valueOf(entry.getKey()));
                    write(out, entry.getValue());
                }
            }
            out.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            out.writeStartArray();
            for (Object item : items) {
                write(out, item);
            }
            out.writeEndArray();
        } else if (value instanceof Object[] items) {
            write(out, List.of(items));
        } else if (value instanceof Record record) {
            out.writeStartObject();
            for (Component c : COMPONENTS.get(record.getClass())) {
                Object member = component(c, record);
                if (member != null) {
                    out.writeFieldName(c.name());
                    write(out, member);
                }
            }
            out.writeEndObject();
        } else {
            // everything the service writes is one of the above; a stray type is a bug, not a string
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static Object component(Component c, Record record) {
        try {
            return c.accessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.name() + " of " + record.getClass().getName(), e);
        }
    }

    /** A member of a parsed object that must be a string; null when absent, null or of another type. */
    public static String text(Map<String, ?> object, String field) {
        return object != null && object.get(field) instanceof String s ? s : null;
    }

    /** A member of a parsed object that must itself be an object; empty when absent or of another type. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, ?> object, String field) {
        return object != null && object.get(field) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
