package com.cloudphone.model;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.random.RandomGenerator;

/** Short random identifiers with a readable prefix (u_ for users, a_ for accounts, ...). */
public final class Ids {
    private static volatile RandomGenerator source = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijkmnpqrstvwxyz".toCharArray();

    private Ids() {
    }

    /** Longest id a request may name; ours are 15 characters, the bound keeps DynamoDB keys far below their limit. */
    public static final int MAX_LENGTH = 64;

    /** Whether {@code id} has the form of an id (letters, digits, '_' and '-', 1 to {@link #MAX_LENGTH}). */
    public static boolean isId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    public static final String FORMAT = "must be an id: 1 to " + MAX_LENGTH + " letters, digits, '_' or '-'";

    /**
     * Draws ids from {@code random} until {@link #drawRandomly()}. A test replaying a seeded sequence of operations
     * then makes the same ids on every run, and so picks the same items: a failure it reports happens again.
     * {@code random} must be safe for threads ({@link java.util.Random} is).
     */
    public static void drawFrom(RandomGenerator random) {
        source = random;
    }

    public static void drawRandomly() {
        source = new SecureRandom();
    }

    /**
     * An id whose text order is its time order: {@code at} in milliseconds (ten digits of the alphabet, which is in
     * ascending character order) and then eight random ones. A list keyed by such ids reads newest first by key.
     */
    public static String inTimeOrder(String prefix, Instant at) {
        StringBuilder id = new StringBuilder(prefix).append('_');
        char[] time = new char[10];
        long millis = at.toEpochMilli();
        for (int i = time.length - 1; i >= 0; i--) {
            time[i] = ALPHABET[(int) (millis % ALPHABET.length)];
            millis /= ALPHABET.length;
        }
        return random(id.append(time), 8);
    }

    public static String next(String prefix) {
        return random(new StringBuilder(prefix).append('_'), 12);
    }

    private static String random(StringBuilder id, int characters) {
        byte[] bytes = new byte[characters];
        source.nextBytes(bytes);
        for (byte b : bytes) {
            id.append(ALPHABET[(b & 0xff) % ALPHABET.length]);
        }
        return id.toString();
    }
}
