package com.cloudphone.model;

import com.cloudphone.error.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Format rules of the product's values: phone numbers, extensions, usernames, emails, timezones, passwords. */
public final class Rules {
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,6}");
    private static final Pattern USERNAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    /** bcrypt reads at most 72 bytes; longer secrets would be silently truncated, so they are refused. */
    static final int MAX_PASSWORD_BYTES = 72;

    private Rules() {
    }

    public static boolean isE164(String value) {
        return value != null && E164.matcher(value).matches();
    }

    public static boolean isExtension(String value) {
        return value != null && EXTENSION.matcher(value).matches();
    }

    public static boolean isUsername(String value) {
        return value != null && USERNAME.matcher(value).matches();
    }

    public static boolean isEmail(String value) {
        return emailProblem(value) == null;
    }

    /**
     * What is wrong with an email address, or null: besides its shape, no character that shows as nothing or
     * changes how the rest displays (control, format and bidi characters, joiners included), so two addresses that
     * look the same are the same address (docs/rules.md rule 16).
     */
    public static String emailProblem(String value) {
        if (value == null || value.length() > 254 || !EMAIL.matcher(value).matches()) {
            return "must be an email address";
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE || c == 0xFFFD
                    || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return "must not contain invisible, control or text-direction characters";
            }
        }
        return null;
    }

    /**
     * The form in which usernames and emails are unique: compatibility-normalised (NFKC, so fullwidth and other
     * look-alike forms are their plain letters) and case-folded. At creation, change and sign-in alike.
     */
    public static String canonical(String value) {
        String folded = Normalizer.normalize(value, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    /** Only region ids such as Europe/London: offsets like +02:00 do not follow daylight saving. */
    public static boolean isTimezone(String value) {
        return value != null && value.contains("/") && ZoneId.getAvailableZoneIds().contains(value);
    }

    /**
     * What is wrong with a name people will read (a display name; a queue, callflow, device or contact name), or
     * null when nothing is. Any script and emoji are kept as sent; refused are control characters, bidi embeddings,
     * overrides and isolates (they make a name display as something else), other invisible format characters
     * but the joiners emoji and Persian need, lone surrogates, the replacement character (what bytes that were
     * not UTF-8 became), and names with nothing visible in them.
     */
    public static String nameProblem(String name) {
        boolean visible = false;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.SURROGATE) {
                return type == Character.CONTROL ? "must not contain control characters" : "must be valid Unicode text";
            }
            if (c == 0xFFFD) {
                return "must be valid UTF-8 text";
            }
            if (type == Character.FORMAT && c != 0x200C && c != 0x200D) {
                return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069
                        ? "must not contain bidirectional overrides" : "must not contain invisible format characters";
            }
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && type != Character.FORMAT
                    && type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK) {
                visible = true;
            }
        }
        return visible ? null : "must contain a visible character";
    }

    /** docs/rules.md rule 2.1: at least 8 characters with a digit, a lower-case and an upper-case letter. */
    public static List<FieldProblem> passwordProblems(String field, String password) {
        List<FieldProblem> problems = new ArrayList<>();
        if (password == null || password.length() < 8) {
            problems.add(new FieldProblem(field, "must be at least 8 characters"));
        }
        if (password != null) {
            if (password.chars().noneMatch(Character::isDigit)) {
                problems.add(new FieldProblem(field, "must contain a digit"));
            }
            if (password.chars().noneMatch(Character::isLowerCase)) {
                problems.add(new FieldProblem(field, "must contain a lower-case letter"));
            }
            if (password.chars().noneMatch(Character::isUpperCase)) {
                problems.add(new FieldProblem(field, "must contain an upper-case letter"));
            }
            if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
                problems.add(new FieldProblem(field, "must be at most " + MAX_PASSWORD_BYTES + " bytes"));
            }
        }
        return problems;
    }
}
