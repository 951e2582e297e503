package com.cloudphone.log;

import com.cloudphone.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Structured JSON logs, one line per event. Callers pass ids and codes, never secrets or request bodies. */
public final class Log {
    private Log() {
    }

    public static void info(String message, Map<String, Object> fields) {
        write("INFO", message, fields);
    }

    public static void warn(String message, Map<String, Object> fields) {
        write("WARN", message, fields);
    }

    public static void error(String message, Map<String, Object> fields) {
        write("ERROR", message, fields);
    }

    private static void write(String level, String message, Map<String, Object> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("message", message);
        line.putAll(fields);
        System.out.println(Json.write(line));
    }
}
