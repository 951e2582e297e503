package com.cloudphone.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret an invited user presents to set their password: {@code userId.secret}, good until {@code expiresAt}.
 * Only its SHA-256 is stored.
 */
record Invitation(String token, String hash, Instant expiresAt) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static Invitation create(String userId, Instant expiresAt) {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String token = userId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Invitation(token, sha256(token), expiresAt);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String userIdOf(String token) {
        int dot = token.indexOf('.');
        return dot > 0 ? token.substring(0, dot) : "";
    }
}
