package com.cloudphone.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/** A Choice rule's test, without its Next. */
sealed interface Condition {
    boolean test(JsonNode input, Context context);

    record And(List<Condition> all) implements Condition {
        @Override
        public boolean test(JsonNode input, Context context) {
            return all.stream().allMatch(c -> c.test(input, context));
        }
    }

    record Or(List<Condition> any) implements Condition {
        @Override
        public boolean test(JsonNode input, Context context) {
            return any.stream().anyMatch(c -> c.test(input, context));
        }
    }

    record Not(Condition condition) implements Condition {
        @Override
        public boolean test(JsonNode input, Context context) {
            return !condition.test(input, context);
        }
    }

    /**
     * {@code Variable} against a value, or against another path for the {@code ...Path} operators. A value of
     * the wrong type never matches; a Variable that is not there is States.Runtime, except for IsPresent.
     */
    record Comparison(JsonPath variable, String operator, JsonNode value, JsonPath valuePath) implements Condition {
        @Override
        public boolean test(JsonNode input, Context context) {
            JsonNode actual = variable.find(input, context);
            if (operator.equals("IsPresent")) {
                return (actual != null) == value.asBoolean();
            }
            if (actual == null) {
                throw Failure.runtime("Invalid path '" + variable + "': The choice state's condition path references an invalid value.");
            }
            switch (operator) {
                case "IsNull":
                    return actual.isNull() == value.asBoolean();
                case "IsString":
                    return actual.isTextual() == value.asBoolean();
                case "IsNumeric":
                    return actual.isNumber() == value.asBoolean();
                case "IsBoolean":
                    return actual.isBoolean() == value.asBoolean();
                case "IsTimestamp":
                    return (timestamp(actual) != null) == value.asBoolean();
                default:
                    break;
            }
            JsonNode expected = valuePath == null ? value : valuePath.read(input, context, operator + " value");
            String op = operator.endsWith("Path") ? operator.substring(0, operator.length() - 4) : operator;
            if (op.startsWith("String")) {
                if (!actual.isTextual() || !expected.isTextual()) {
                    return false;
                }
                if (op.equals("StringMatches")) {
                    return matches(actual.asText(), expected.asText());
                }
                return holds(op.substring(6), actual.asText().compareTo(expected.asText()));
            }
            if (op.startsWith("Numeric")) {
                return actual.isNumber() && expected.isNumber()
                        && holds(op.substring(7), actual.decimalValue().compareTo(expected.decimalValue()));
            }
            if (op.startsWith("Timestamp")) {
                Instant a = timestamp(actual);
                Instant b = timestamp(expected);
                return a != null && b != null && holds(op.substring(9), a.compareTo(b));
            }
            return actual.isBoolean() && expected.isBoolean() && actual.asBoolean() == expected.asBoolean();
        }

        private static boolean holds(String relation, int comparison) {
            return switch (relation) {
                case "Equals" -> comparison == 0;
                case "LessThan" -> comparison < 0;
                case "LessThanEquals" -> comparison <= 0;
                case "GreaterThan" -> comparison > 0;
                case "GreaterThanEquals" -> comparison >= 0;
                default -> throw new IllegalStateException("unknown relation " + relation);
            };
        }

        /** {@code *} matches any run of characters; {@code \*} and {@code \\} are a literal star and backslash. */
        private static boolean matches(String text, String pattern) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < pattern.length()) {
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                } else if (c == '*') {
                    regex.append(".*");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
        }
    }

    /** An RFC 3339 timestamp with an uppercase T, and Z or an offset; null for anything else. */
    static Instant timestamp(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        String text = node.asText();
        if (text.length() < 20 || text.charAt(10) != 'T' || text.endsWith("z")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
