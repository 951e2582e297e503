package com.cloudphone.http;

import com.cloudphone.json.Json;
import com.cloudphone.model.Page;
import java.util.LinkedHashMap;
import java.util.Map;

/** A successful answer: status and a body serialised as JSON (null for none). */
public record Reply(int status, Object body) {
    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    /** A page of a list: {"items": [...], "nextCursor": "..." or null on the last page}. */
    public static Reply page(Page<?> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page.items());
        body.put("nextCursor", page.nextCursor() == null ? Json.NULL : page.nextCursor());
        return ok(body);
    }

    public static Reply created(Object body) {
        return new Reply(201, body);
    }
}
