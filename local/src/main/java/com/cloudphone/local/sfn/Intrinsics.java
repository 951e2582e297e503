package com.cloudphone.local.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The intrinsic functions of payload templates ({@code "x.$": "States.Format('{}', $.a)"}): parsing the call
 * and running it. Names are checked when the definition is parsed; failures while running are
 * States.IntrinsicFailure.
 */
final class Intrinsics {
    static final String FAILURE = "States.IntrinsicFailure";

    private static final Set<String> NAMES = Set.of("States.Format", "States.StringToJson", "States.JsonToString",
            "States.Array", "States.ArrayPartition", "States.ArrayContains", "States.ArrayRange",
            "States.ArrayGetItem", "States.ArrayLength", "States.ArrayUnique", "States.Base64Encode",
            "States.Base64Decode", "States.Hash", "States.JsonMerge", "States.MathRandom", "States.MathAdd",
            "States.StringSplit", "States.UUID");

    private Intrinsics() {
    }

    record Call(String name, List<Template> args, String where) implements Template {
        @Override
        public JsonNode evaluate(JsonNode input, Context context) {
            List<JsonNode> values = new ArrayList<>();
            for (Template arg : args) {
                values.add(arg.evaluate(input, context));
            }
            return apply(this, values);
        }
    }

    static Template parse(String text, String where) {
        Parser parser = new Parser(text, where);
        Template call = parser.call();
        parser.skipSpaces();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the call");
        }
        return call;
    }

    /** A small recursive-descent parser: calls, 'strings', numbers, true/false/null, and paths as arguments. */
    private static final class Parser {
        private final String text;
        private final String where;
        private int pos;

        Parser(String text, String where) {
            this.text = text;
            this.where = where;
        }

        Template call() {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            String name = text.substring(start, pos);
            if (!NAMES.contains(name)) {
                throw new InvalidDefinition(where + ": unknown or unsupported intrinsic function " + name);
            }
            skipSpaces();
            expect('(');
            List<Template> args = new ArrayList<>();
            skipSpaces();
            if (peek() == ')') {
                pos++;
                return new Call(name, args, where);
            }
            while (true) {
                skipSpaces();
                args.add(argument());
                skipSpaces();
                char c = peek();
                pos++;
                if (c == ')') {
                    return new Call(name, args, where);
                }
                if (c != ',') {
                    throw error("expected , or )");
                }
            }
        }

        private Template argument() {
            char c = peek();
            if (c == '\'') {
                return literal();
            }
            if (c == '$') {
                return path();
            }
            if (text.startsWith("States.", pos)) {
                return call();
            }
            int start = pos;
            while (pos < text.length() && ",) ".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            String word = text.substring(start, pos);
            switch (word) {
                case "true":
                    return new Template.Constant(BooleanNode.TRUE);
                case "false":
                    return new Template.Constant(BooleanNode.FALSE);
                case "null":
                    return new Template.Constant(NullNode.instance);
                default:
                    try {
                        return new Template.Constant(Trees.MAPPER.readTree(word));
                    } catch (JsonProcessingException | IllegalArgumentException e) {
                        throw error("bad argument " + word);
                    }
            }
        }

        private Template literal() {
            int start = ++pos;
            while (pos < text.length() && text.charAt(pos) != '\'') {
                pos += text.charAt(pos) == '\\' ? 2 : 1;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            return new Template.Literal(text.substring(start, pos++));
        }

        private Template path() {
            int start = pos;
            int depth = 0;
            char quote = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == ')' || c == ' ')) {
                    break;
                }
                pos++;
            }
            try {
                return new Template.PathValue(JsonPath.parse(text.substring(start, pos)), where);
            } catch (InvalidDefinition e) {
                throw new InvalidDefinition(where + ": " + e.getMessage());
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(pos);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected " + c);
            }
            pos++;
        }

        void skipSpaces() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }

        InvalidDefinition error(String what) {
            return new InvalidDefinition(where + ": cannot parse " + text + " at " + pos + ": " + what);
        }
    }

    private static JsonNode apply(Call call, List<JsonNode> a) {
        return switch (call.name()) {
            case "States.Format" -> format(call, a);
            case "States.StringToJson" -> {
                count(call, a, 1);
                try {
                    yield Trees.MAPPER.readTree(text(call, a, 0));
                } catch (JsonProcessingException e) {
                    throw fail(call, "the argument is not JSON text: " + a.get(0));
                }
            }
            case "States.JsonToString" -> {
                count(call, a, 1);
                yield TextNode.valueOf(a.get(0).toString());
            }
            case "States.Array" -> array(a);
            case "States.ArrayPartition" -> {
                count(call, a, 2);
                ArrayNode source = arrayArg(call, a, 0);
                int size = intArg(call, a, 1);
                if (size <= 0) {
                    throw fail(call, "the chunk size must be positive");
                }
                ArrayNode out = Trees.MAPPER.createArrayNode();
                for (int i = 0; i < source.size(); i += size) {
                    ArrayNode chunk = out.addArray();
                    for (int j = i; j < Math.min(i + size, source.size()); j++) {
                        chunk.add(source.get(j));
                    }
                }
                yield out;
            }
            case "States.ArrayContains" -> {
                count(call, a, 2);
                ArrayNode source = arrayArg(call, a, 0);
                boolean found = false;
                for (JsonNode item : source) {
                    found |= item.equals(a.get(1));
                }
                yield BooleanNode.valueOf(found);
            }
            case "States.ArrayRange" -> {
                count(call, a, 3);
                int from = intArg(call, a, 0);
                int to = intArg(call, a, 1);
                int step = intArg(call, a, 2);
                if (step == 0) {
                    throw fail(call, "the step must not be 0");
                }
                ArrayNode out = Trees.MAPPER.createArrayNode();
                for (int i = from; step > 0 ? i <= to : i >= to; i += step) {
                    if (out.size() == 1000) {
                        throw fail(call, "more than 1000 items");
                    }
                    out.add(i);
                }
                yield out;
            }
            case "States.ArrayGetItem" -> {
                count(call, a, 2);
                ArrayNode source = arrayArg(call, a, 0);
                int index = intArg(call, a, 1);
                if (index < 0 || index >= source.size()) {
                    throw fail(call, "index " + index + " is out of bounds");
                }
                yield source.get(index);
            }
            case "States.ArrayLength" -> {
                count(call, a, 1);
                yield IntNode.valueOf(arrayArg(call, a, 0).size());
            }
            case "States.ArrayUnique" -> {
                count(call, a, 1);
                yield array(new ArrayList<>(new LinkedHashSet<>(toList(arrayArg(call, a, 0)))));
            }
            case "States.Base64Encode" -> {
                count(call, a, 1);
                yield TextNode.valueOf(Base64.getEncoder().encodeToString(text(call, a, 0).getBytes(StandardCharsets.UTF_8)));
            }
            case "States.Base64Decode" -> {
                count(call, a, 1);
                try {
                    yield TextNode.valueOf(new String(Base64.getDecoder().decode(text(call, a, 0)), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw fail(call, "not Base64: " + a.get(0));
                }
            }
            case "States.Hash" -> {
                count(call, a, 2);
                String data = a.get(0).isTextual() ? a.get(0).asText() : a.get(0).toString();
                try {
                    MessageDigest digest = MessageDigest.getInstance(text(call, a, 1));
                    yield TextNode.valueOf(HexFormat.of().formatHex(digest.digest(data.getBytes(StandardCharsets.UTF_8))));
                } catch (NoSuchAlgorithmException e) {
                    throw fail(call, "unknown algorithm " + a.get(1));
                }
            }
            case "States.JsonMerge" -> {
                count(call, a, 3);
                if (!a.get(0).isObject() || !a.get(1).isObject() || !a.get(2).isBoolean()) {
                    throw fail(call, "takes two objects and a boolean");
                }
                if (a.get(2).asBoolean()) {
                    throw fail(call, "only a shallow merge (false) is supported");
                }
                ObjectNode merged = ((ObjectNode) a.get(0)).deepCopy();
                merged.setAll((ObjectNode) a.get(1));
                yield merged;
            }
            case "States.MathRandom" -> {
                if (a.size() < 2 || a.size() > 3) {
                    throw fail(call, "takes a start, an end and an optional seed");
                }
                int from = intArg(call, a, 0);
                int to = intArg(call, a, 1);
                if (to <= from) {
                    throw fail(call, "the end must be greater than the start");
                }
                var random = a.size() == 3 ? new Random(intArg(call, a, 2)) : ThreadLocalRandom.current();
                yield IntNode.valueOf(random.nextInt(from, to));
            }
            case "States.MathAdd" -> {
                count(call, a, 2);
                yield IntNode.valueOf(Math.addExact(intArg(call, a, 0), intArg(call, a, 1)));
            }
            case "States.StringSplit" -> {
                count(call, a, 2);
                String source = text(call, a, 0);
                String delimiters = text(call, a, 1);
                List<JsonNode> parts = new ArrayList<>();
                StringBuilder part = new StringBuilder();
                for (char c : source.toCharArray()) {
                    if (delimiters.indexOf(c) >= 0) {
                        if (part.length() > 0) {
                            parts.add(TextNode.valueOf(part.toString()));
                        }
                        part.setLength(0);
                    } else {
                        part.append(c);
                    }
                }
                if (part.length() > 0) {
                    parts.add(TextNode.valueOf(part.toString()));
                }
                yield array(parts);
            }
            case "States.UUID" -> {
                count(call, a, 0);
                yield TextNode.valueOf(UUID.randomUUID().toString());
            }
            default -> throw new IllegalStateException("intrinsic " + call.name() + " is listed but not implemented");
        };
    }

    /** {@code {}} takes the next argument; {@code \{ \} \' \\} in a literal template are escapes. */
    private static JsonNode format(Call call, List<JsonNode> a) {
        if (a.isEmpty() || !a.get(0).isTextual()) {
            throw fail(call, "the first argument must be a string");
        }
        String template = call.args().get(0) instanceof Template.Literal literal ? literal.raw() : a.get(0).asText();
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length() && call.args().get(0) instanceof Template.Literal) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= a.size()) {
                    throw fail(call, "more {} than arguments");
                }
                JsonNode value = a.get(next++);
                if (value.isContainerNode()) {
                    throw fail(call, "cannot format an object or array: " + value);
                }
                out.append(value.isTextual() ? value.asText() : value.toString());
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != a.size()) {
            throw fail(call, "more arguments than {}");
        }
        return TextNode.valueOf(out.toString());
    }

    private static ArrayNode array(List<JsonNode> items) {
        ArrayNode out = Trees.MAPPER.createArrayNode();
        items.forEach(out::add);
        return out;
    }

    private static List<JsonNode> toList(ArrayNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static void count(Call call, List<JsonNode> a, int expected) {
        if (a.size() != expected) {
            throw fail(call, "takes " + expected + " argument(s), got " + a.size());
        }
    }

    private static String text(Call call, List<JsonNode> a, int i) {
        if (!a.get(i).isTextual()) {
            throw fail(call, "argument " + (i + 1) + " must be a string, got " + a.get(i));
        }
        return a.get(i).asText();
    }

    private static ArrayNode arrayArg(Call call, List<JsonNode> a, int i) {
        if (!a.get(i).isArray()) {
            throw fail(call, "argument " + (i + 1) + " must be an array, got " + a.get(i));
        }
        return (ArrayNode) a.get(i);
    }

    private static int intArg(Call call, List<JsonNode> a, int i) {
        JsonNode n = a.get(i);
        if (!n.isNumber() || n.decimalValue().stripTrailingZeros().scale() > 0
                || n.decimalValue().abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw fail(call, "argument " + (i + 1) + " must be an integer, got " + n);
        }
        return n.intValue();
    }

    private static Failure fail(Call call, String why) {
        return new Failure(FAILURE, call.name() + " in " + call.where() + ": " + why);
    }
}
