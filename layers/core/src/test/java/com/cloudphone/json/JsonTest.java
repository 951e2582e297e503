package com.cloudphone.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    enum Kind { INTERNAL }

    record Inner(String name, Integer seats) {
    }

    private record Outer(String id, Kind kind, boolean admin, List<Inner> inners, Map<String, Object> extra) {
    }

    @Test
    void readsObjectsArraysAndScalars() {
        Object value = Json.parse("{\"a\": [1, 2.50, \"x\", true, false, null], \"b\": {\"c\": 12345678901234567890}}");
        Map<?, ?> object = (Map<?, ?>) value;
        assertEquals(Arrays.asList(1L, new BigDecimal("2.50"), "x", true, false, null), object.get("a"));
        assertEquals(Map.of("c", new BigInteger("12345678901234567890")), object.get("b"));
        assertEquals(List.of("a", "b"), List.copyOf(object.keySet()));
    }

    @Test
    void refusesWhatIsNotExactlyOneValue() {
        for (String bad : List.of("", "   ", "{", "{\"a\": 1} {}", "[1,]", "{'a': 1}", "nul")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
        Json.RepeatedField repeated = assertThrows(Json.RepeatedField.class,
                () -> Json.parse("{\"b\": {\"a\": 1, \"a\": 2}}"));
        assertEquals("a", repeated.field());
    }

    @Test
    void writesRecordsInComponentOrderLeavingNullsOut() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("gone", null);
        extra.put("kept", Json.NULL);
        extra.put("n", 3);
        String json = Json.write(new Outer("u-1", Kind.INTERNAL, true, List.of(new Inner("q", null)), extra));
        assertEquals("{\"id\":\"u-1\",\"kind\":\"INTERNAL\",\"admin\":true,\"inners\":[{\"name\":\"q\"}],"
                + "\"extra\":{\"kept\":null,\"n\":3}}", json);
    }

    @Test
    void roundTripsEscapes() {
        String text = "quote \" backslash \\ newline \n tab \t unicode \u00e9 \u2028";
        assertEquals(Map.of("t", text), Json.parse(Json.write(Map.of("t", text))));
    }

    @Test
    void refusesTypesItDoesNotKnow() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("when", java.time.Instant.EPOCH)));
    }

    @Test
    void parseObjectIsEmptyForAnythingElse() {
        assertEquals(Map.of(), Json.parseObject("[1]"));
        assertEquals(Map.of(), Json.parseObject("not json"));
        assertEquals(Map.of("a", 1L), Json.parseObject("{\"a\":1}"));
    }
}
