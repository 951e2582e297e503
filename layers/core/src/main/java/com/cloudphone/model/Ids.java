package com.cloudphone.model;

import java.security.SecureRandom;

/** Short random identifiers with a readable prefix (u_ for users, a_ for accounts, ...). */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijkmnpqrstvwxyz".toCharArray();

    private Ids() {
    }

    public static String next(String prefix) {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        StringBuilder id = new StringBuilder(prefix).append('_');
        for (byte b : bytes) {
            id.append(ALPHABET[(b & 0xff) % ALPHABET.length]);
        }
        return id.toString();
    }
}
