package com.cloudphone.store;

import com.cloudphone.model.PageRequest;
import com.cloudphone.model.Refusal;
import com.cloudphone.model.Refused;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a page of a list ended: the key of its last item, as DynamoDB's ExclusiveStartKey wants it (the table's
 * keys, and the index's too when the list is read from gsi1). Sent to callers as opaque base64url text. It holds
 * only keys of items the caller was just shown, and {@link PageQuery} takes one back only when it lies inside the
 * list being read, in the caller's own account: a cursor of another account or another list is a 400, never a
 * read elsewhere. A digest of the keys ends the text, so a cursor that was cut short or edited is refused too; it is
 * a check, not a secret (there is no key shared by every function): forging one that passes could only name a
 * place inside the forger's own list, which shows them nothing they could not page to.
 */
record Cursor(String pk, String sk, String gsi1pk, String gsi1sk) {
    private static final String VERSION = "c1";
    private static final char SEPARATOR = '\n';
    /** Longest key value taken back; our keys are well under it. */
    private static final int MAX_KEY_LENGTH = 200;
    private static final int DIGEST_BYTES = 8;

    static Cursor of(KeyedItem item, boolean index) {
        return new Cursor(item.getPk(), item.getSk(), index ? item.getGsi1pk() : null, index ? item.getGsi1sk() : null);
    }

    boolean onIndex() {
        return gsi1pk != null;
    }

    String encode() {
        StringBuilder text = new StringBuilder(VERSION);
        for (String part : onIndex() ? new String[] {pk, sk, gsi1pk, gsi1sk} : new String[] {pk, sk}) {
            if (part == null || part.indexOf(SEPARATOR) >= 0) {
                throw new IllegalStateException("a key that cannot be a cursor: " + part);
            }
            text.append(SEPARATOR).append(part);
        }
        byte[] keys = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] sealed = Arrays.copyOf(keys, keys.length + DIGEST_BYTES);
        System.arraycopy(digest(keys), 0, sealed, keys.length, DIGEST_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /** The cursor {@code text} stands for, when it is one this service made (else a 400 naming {@code cursor}). */
    static Cursor decode(String text) {
        if (!PageRequest.isCursorText(text)) {
            throw refused();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text) || bytes.length <= DIGEST_BYTES) {
            throw refused(); // not the one spelling encode() gives (stray bits in the last character), or too short
        }
        byte[] keys = Arrays.copyOf(bytes, bytes.length - DIGEST_BYTES);
        if (!MessageDigest.isEqual(Arrays.copyOf(digest(keys), DIGEST_BYTES),
                Arrays.copyOfRange(bytes, keys.length, bytes.length))) {
            throw refused();
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(keys)).toString();
        } catch (CharacterCodingException e) {
            throw refused();
        }
        String[] parts = decoded.split(String.valueOf(SEPARATOR), -1);
        if (!(parts.length == 3 || parts.length == 5) || !parts[0].equals(VERSION)) {
            throw refused();
        }
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > MAX_KEY_LENGTH || parts[i].chars().anyMatch(Character::isISOControl)) {
                throw refused();
            }
        }
        return parts.length == 3 ? new Cursor(parts[1], parts[2], null, null)
                : new Cursor(parts[1], parts[2], parts[3], parts[4]);
    }

    Map<String, AttributeValue> exclusiveStartKey() {
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(Keys.PK, AttributeValue.fromS(pk));
        key.put(Keys.SK, AttributeValue.fromS(sk));
        if (onIndex()) {
            key.put(Keys.GSI1_PK, AttributeValue.fromS(gsi1pk));
            key.put(Keys.GSI1_SK, AttributeValue.fromS(gsi1sk));
        }
        return key;
    }

    private static byte[] digest(byte[] keys) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(keys);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static Refused refused() {
        return new Refused(new Refusal.BadCursor());
    }
}
