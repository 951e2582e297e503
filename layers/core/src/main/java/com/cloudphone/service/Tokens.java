package com.cloudphone.service;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.json.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs and verifies the service's RS256 JWTs. In AWS the API's JWT authorizer verifies them against
 * {@link #jwks()}; the local stack calls {@link #verify(String)} itself.
 */
public final class Tokens {
    public static final String AUDIENCE = "cloudphone-console";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;

    public Tokens(KeyPair keys, String issuer, Duration ttl, Clock clock) {
        this.privateKey = keys.getPrivate();
        this.publicKey = (RSAPublicKey) keys.getPublic();
        this.keyId = thumbprint(publicKey);
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
    }

    public static KeyPair generateKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a PKCS#8 PEM private key (as stored in the secret) and derives its public half. */
    public static KeyPair fromPem(String pem) {
        try {
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            var publicKey = factory.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The signing key is not a PKCS#8 RSA private key", e);
        }
    }

    /** The private key as a PKCS#8 PEM, the form {@link #fromPem} reads (the local stack keeps its key so). */
    public static String toPem(KeyPair keys) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(String userId, String accountId, String role) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        Map<String, Object> header = Map.of("alg", "RS256", "typ", "JWT", "kid", keyId);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", AUDIENCE);
        claims.put("sub", userId);
        claims.put("accountId", accountId);
        claims.put("role", role);
        claims.put("iat", now.getEpochSecond());
        // iat has whole seconds; a password change must also end tokens issued earlier in its own second
        claims.put(ISSUED_AT_MS, now.toEpochMilli());
        claims.put("exp", expires.getEpochSecond());
        String signingInput = encode(Json.write(header)) + "." + encode(Json.write(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return new Issued(signingInput + "." + B64.encodeToString(signature.sign()), expires);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * RFC 7515 base64url: no padding, and only the one encoding of its bytes (the decoder would also take trailing
     * bits that are not zero, or padding, and so more than one text for the same signature).
     */
    private static boolean canonical(String part) {
        try {
            return B64.encodeToString(B64D.decode(part)).equals(part);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The claim with the issue time in epoch milliseconds. */
    public static final String ISSUED_AT_MS = "iatMs";

    /**
     * When a token was issued, in epoch milliseconds, from its claims (as the JWT authorizer passes them, strings,
     * or as parsed here). Without {@link #ISSUED_AT_MS}, the start of its iat second; unreadable, 0.
     */
    public static long issuedAtMillis(Object millis, Object seconds) {
        try {
            if (millis != null) {
                return Long.parseLong(millis.toString().strip());
            }
            return seconds == null ? 0 : Math.multiplyExact(Long.parseLong(seconds.toString().strip()), 1000L);
        } catch (NumberFormatException | ArithmeticException e) {
            return 0;
        }
    }

    /** Checks signature, algorithm, issuer, audience and expiry; anything wrong is the same 401. */
    public Caller verify(String token) {
        try {
            String[] parts = token.split("\\.", -1);
            if (parts.length != 3 || !canonical(parts[0]) || !canonical(parts[1]) || !canonical(parts[2])) {
                throw unauthenticated();
            }
            Map<String, Object> header = Json.parseObject(new String(B64D.decode(parts[0]), StandardCharsets.UTF_8));
            if (!"RS256".equals(header.get("alg"))) {
                throw unauthenticated();
            }
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(publicKey);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(B64D.decode(parts[2]))) {
                throw unauthenticated();
            }
            Map<String, Object> claims = Json.parseObject(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
            long exp = claims.get("exp") instanceof Long l ? l : 0;
            String sub = Json.text(claims, "sub");
            String accountId = Json.text(claims, "accountId");
            if (!issuer.equals(claims.get("iss")) || !AUDIENCE.equals(claims.get("aud"))
                    || clock.instant().getEpochSecond() >= exp || sub == null || accountId == null) {
                throw unauthenticated();
            }
            return new Caller(sub, accountId, Json.text(claims, "role"), issuedAtMillis(claims.get(ISSUED_AT_MS), claims.get("iat")));
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw unauthenticated();
        }
    }

    /** The discovery document API Gateway's JWT authorizer reads from {issuer}/.well-known/openid-configuration. */
    public Map<String, Object> discovery() {
        return Map.of("issuer", issuer, "jwks_uri", issuer + "/.well-known/jwks.json",
                "id_token_signing_alg_values_supported", List.of("RS256"));
    }

    /** The public key as a JSON Web Key Set, for the API's JWT authorizer. */
    public Map<String, Object> jwks() {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kty", "RSA");
        key.put("use", "sig");
        key.put("alg", "RS256");
        key.put("kid", keyId);
        key.put("n", B64.encodeToString(unsigned(publicKey.getModulus())));
        key.put("e", B64.encodeToString(unsigned(publicKey.getPublicExponent())));
        return Map.of("keys", List.of(key));
    }

    private static ApiException unauthenticated() {
        return new ApiException(ErrorCode.UNAUTHENTICATED, "A valid bearer token is required");
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }

    private static String thumbprint(RSAPublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return B64.encodeToString(digest).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
