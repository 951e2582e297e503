package com.cloudphone.http;

/** A successful answer: status and a body serialised as JSON (null for none). */
public record Reply(int status, Object body) {
    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    public static Reply created(Object body) {
        return new Reply(201, body);
    }
}
