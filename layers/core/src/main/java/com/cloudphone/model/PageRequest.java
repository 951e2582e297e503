package com.cloudphone.model;

/**
 * Which page of a list a caller wants: at most {@code limit} items, starting after {@code cursor} (null for the
 * first page). The cursor is opaque to callers; the store that made it reads it back and checks it belongs to
 * the same list of the same account.
 */
public record PageRequest(int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    /** Cursors are base64url text of a few keys; anything longer was not made here. */
    public static final int MAX_CURSOR_LENGTH = 1024;
    public static final String LIMIT_RULE = "must be a whole number from 1 to " + MAX_LIMIT;
    public static final String CURSOR_RULE = "must be a nextCursor this list returned";

    public static final PageRequest FIRST = new PageRequest(DEFAULT_LIMIT, null);

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + LIMIT_RULE);
        }
        if (cursor != null && !isCursorText(cursor)) {
            throw new IllegalArgumentException("cursor " + CURSOR_RULE);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    public PageRequest after(String nextCursor) {
        return new PageRequest(limit, nextCursor);
    }

    /** Whether {@code text} is of a cursor's form: 1 to {@link #MAX_CURSOR_LENGTH} base64url characters, unpadded. */
    public static boolean isCursorText(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_CURSOR_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
