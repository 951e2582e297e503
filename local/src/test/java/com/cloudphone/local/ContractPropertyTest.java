package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.testing.TestJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The server is exactly as strict as its contract, shown by bodies the test builds from docs/openapi.yaml itself: for
 * every operation with a JSON request body, bodies valid by the operation's request schema (required fields, optional
 * ones in random subsets) must not get a 400 unless the 400 is one of the document's own cross-field or contextual
 * rules listed in {@link #DOCUMENTED_RULES}; bodies broken in exactly one place (a required field left out, a wrong
 * type, a value outside its enum, pattern, format or bounds, an unknown field, a null where the field is not
 * nullable) must get a 400 whose details name that field. The schemas are read from the document on every run, so a
 * field added to the document is generated and broken without touching this test; an operation whose path needs an
 * id gets one from {@link #world}, and the test fails for a documented operation with a body that has none.
 * A failure prints the seed; {@code -Dcontract.seed=N} replays it.
 */
class ContractPropertyTest extends StackTest {
    private static final long SEED = Long.getLong("contract.seed", 20261124L);
    private static final int VALID_PER_OPERATION = Integer.getInteger("contract.valid", 20);
    private static final int BROKEN_PER_OPERATION = Integer.getInteger("contract.broken", 40);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Values a regular expression cannot practically produce, keyed by pattern (or field name where it says more). */
    private static final Map<String, Function<Random, String>> KNOWN_GOOD = Map.of(
            "^\\+[1-9][0-9]{6,14}$", r -> "+1415555" + String.format("%04d", r.nextInt(10_000)),
            "^([01][0-9]|2[0-3]):[0-5][0-9]$", r -> String.format("%02d:%02d", r.nextInt(24), r.nextInt(60)),
            "^[A-Za-z0-9_-]{1,64}$", r -> "id-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36),
            "^[0-9]{2,6}$", r -> Integer.toString(10 + r.nextInt(999_990)),
            "^[A-Za-z0-9._-]+$", r -> "prop." + Long.toString(r.nextLong() & Long.MAX_VALUE, 36));
    private static final Map<String, Function<Random, String>> BY_FIELD = Map.of(
            "username", r -> "prop." + r.nextInt(1_000_000),
            "email", r -> "prop" + r.nextInt(1_000_000) + "@example.test",
            "password", r -> "Prop-pass-" + r.nextInt(1000),
            "currentPassword", r -> "Owner-pass-1",
            "displayName", r -> "Prop User " + r.nextInt(1000),
            "name", r -> "Prop " + r.nextInt(1000),
            "timezone", r -> List.of("Europe/London", "America/Chicago", "Asia/Tokyo", "Australia/Sydney")
                    .get(r.nextInt(4)),
            "token", r -> "invitation-" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36));

    /** A 400 for a body the schema accepts, allowed because the document states the rule in words. */
    record Rule(String operation, String field, String documentSays, BiPredicate<JsonNode, String> applies) {
    }

    private static final List<Rule> DOCUMENTED_RULES = List.of(
            new Rule("POST /sessions", "", "SignInRequest.description: 'Exactly one of username or email.'",
                    (body, field) -> body.has("username") == body.has("email")),
            new Rule("POST /users", "", "NewUserRequest.description: 'INTERNAL users need username and password; "
                    + "INVITED users need email and choose their own password.'",
                    (body, field) -> body.path("kind").asText().equals("INTERNAL")
                            ? !body.has("username") || !body.has("password")
                            : !body.has("email") || body.has("password") || body.has("username")),
            new Rule("*", "businessHours", "Span.close.description: 'Later than open.'",
                    (body, field) -> anySpan(body, s -> s.path("close").asText().compareTo(s.path("open").asText()) <= 0)),
            new Rule("PATCH /users/{userId}", "", "UserPatchRequest.description: 'password and email on oneself "
                    + "need currentPassword'", (body, field) -> body.has("currentPassword")),
            new Rule("POST /callflows", "", "CallflowRequest.description: 'A DIRECT callflow routes to userId; a "
                    + "GROUP dials dialUserIds (at least one).'",
                    (body, field) -> body.path("kind").asText().equals("DIRECT") ? !body.has("userId")
                            || body.has("dialUserIds") : body.path("dialUserIds").isEmpty() || body.has("userId")),
            new Rule("*", "", "QueueRequest.memberUserIds, CallflowRequest.dialUserIds, VersionRequest.dialUserIds: "
                    + "'Users of the account; an id that is not one is refused with a 400.'",
                    (body, fields) -> List.of(fields.split(",")).stream().allMatch(f -> f.equals("memberUserIds")
                            || f.equals("dialUserIds"))),
            new Rule("POST /users/{userId}/offboarding", "", "OffboardingPlan.description: 'Each entry must name "
                    + "something the user depends on ... MOVE_NUMBERS needs targetCallflowId, REASSIGN needs toUserId "
                    + "and RELEASE needs contactsHeir.' (the user the test offboards depends on nothing)",
                    (body, fields) -> List.of(fields.split(",")).stream().allMatch(f -> f.startsWith("callflows[")
                            || f.startsWith("numbers["))),
            new Rule("POST /users/{userId}/offboarding", "queues", "OffboardingPlan.queues.description: 'Left out "
                    + "when the user is in no queue.'", (body, field) -> body.has("queues")));

    /** What a path needs: its parameters filled for one request, the account's admin token, and known ids. */
    record World(String token, Map<String, String> ids, Function<Boolean, String> path) {
    }

    @Test
    void everyBodyTheDocumentAcceptsOrRefusesGetsTheAnswerItSays() throws Exception {
        long started = System.nanoTime();
        System.out.println("ContractPropertyTest: seed " + SEED + " (replay with -Dcontract.seed=" + SEED + ")");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser().readContents(Files.readString(LocalStack.projectRoot()
                .resolve("docs/openapi.yaml")), null, options).getOpenAPI();
        Random random = new Random(SEED);
        List<String> problems = new ArrayList<>();
        int operations = 0;
        int valid = 0;
        int broken = 0;
        int refusedByRule = 0;
        int notVerdicts = 0;
        Map<String, Integer> statuses = new TreeMap<>();
        for (Map.Entry<String, PathItem> entry : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : entry.getValue().readOperationsMap().entrySet()) {
                Operation operation = op.getValue();
                if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                        || operation.getRequestBody().getContent().get("application/json") == null) {
                    continue;
                }
                String key = op.getKey() + " " + entry.getKey();
                Schema<?> schema = operation.getRequestBody().getContent().get("application/json").getSchema();
                World world = world(key, random);
                operations++;
                for (int i = 0; i < VALID_PER_OPERATION; i++) {
                    ObjectNode body = (ObjectNode) generate(schema, "", world, random, true);
                    Http.Answer answer = send(key, world, body, true);
                    statuses.merge(key + " valid " + answer.status(), 1, Integer::sum);
                    valid++;
                    if (answer.status() == 400) {
                        List<String> fields = fields(answer);
                        if (DOCUMENTED_RULES.stream().anyMatch(rule -> appliesTo(rule, key, body, fields))) {
                            refusedByRule++;
                        } else {
                            problems.add(key + ": a body the document accepts was refused\n  " + body + "\n  -> "
                                    + answer.raw());
                        }
                    } else if (answer.status() >= 500) {
                        problems.add(key + ": a valid body failed the server\n  " + body + "\n  -> " + answer.raw());
                    }
                }
                List<Breakage> breakages = new ArrayList<>();
                ObjectNode base = base(key, schema, world, random);
                breakages(schema, base, "", base, breakages);
                java.util.Collections.shuffle(breakages, random);
                for (Breakage b : breakages.subList(0, Math.min(BROKEN_PER_OPERATION, breakages.size()))) {
                    JsonNode body = b.body();
                    Http.Answer answer = send(key, world, body, false);
                    statuses.merge(key + " broken " + answer.status(), 1, Integer::sum);
                    broken++;
                    if (answer.status() == 404 && entry.getKey().contains("{")) {
                        notVerdicts++;
                        continue;
                    }
                    List<String> fields = answer.status() == 400 ? fields(answer) : List.of();
                    if (answer.status() != 400 || fields.stream().noneMatch(f -> names(f, b.field()))) {
                        problems.add(key + ": " + b.what() + " at '" + b.field() + "' was not refused naming it\n  "
                                + body + "\n  -> " + answer.status() + " " + answer.raw());
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("ContractPropertyTest: %d operations, %d valid bodies (%d refused by a documented rule), "
                + "%d broken bodies (%d answered 404 for the path, not counted), seed %d, %.1f s%n", operations, valid,
                refusedByRule, broken, notVerdicts, SEED, seconds);
        statuses.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        assertEquals(List.of(), problems, "seed " + SEED + ", " + problems.size() + " disagreements:\n"
                + String.join("\n", problems));
        assertTrue(operations >= 16, "operations with a body: " + operations);
    }

    /**
     * A valid body no documented rule refuses (each optional field present or not at random), to break in one place;
     * for the offboarding plan, the rules the entries' actions bring are kept by the generated entries themselves.
     */
    private static ObjectNode base(String key, Schema<?> schema, World world, Random random) {
        for (int attempt = 0; attempt < 500; attempt++) {
            ObjectNode body = (ObjectNode) generate(schema, "", world, random, true);
            if (key.endsWith("/offboarding")) {
                body.remove("queues");
                entriesKeepTheirRules(body);
            }
            if (DOCUMENTED_RULES.stream().filter(rule -> rule.operation().equals("*") || rule.operation().equals(key))
                    .noneMatch(rule -> rule.applies().test(body, ""))) {
                return body;
            }
        }
        throw new AssertionError(key + ": no body in 500 that no documented rule refuses");
    }

    private static void entriesKeepTheirRules(ObjectNode plan) {
        plan.path("callflows").forEach(e -> {
            if (e.path("action").asText().equals("MOVE_NUMBERS") && !e.has("targetCallflowId")) {
                ((ObjectNode) e).put("targetCallflowId", "cf_target");
            }
        });
        plan.path("numbers").forEach(e -> {
            if (e.path("action").asText().equals("REASSIGN") && !e.has("toUserId")) {
                ((ObjectNode) e).put("toUserId", "u_heir");
            }
            if (e.path("action").asText().equals("RELEASE") && !e.has("contactsHeir")) {
                ((ObjectNode) e).put("contactsHeir", "+14155550100");
            }
        });
    }

    /**
     * The server names a field: the broken one, one inside it, or the top-level field that holds it. Entries of a
     * list may be named by index or by their key (numbers[+14155550100].action for numbers[0].action).
     */
    private static boolean names(String servedField, String brokenField) {
        String served = servedField.replaceAll("\\[[^\\]]*]", "[]");
        String broken = brokenField.replaceAll("\\[[^\\]]*]", "[]");
        return served.equals(broken) || served.startsWith(broken + ".") || served.startsWith(broken + "[")
                || broken.startsWith(served + ".") || broken.startsWith(served + "[");
    }

    private static boolean anySpan(JsonNode body, java.util.function.Predicate<JsonNode> test) {
        JsonNode hours = body.path("businessHours");
        for (Iterator<JsonNode> it = hours.elements(); it.hasNext(); ) {
            JsonNode span = it.next();
            if (span.isObject() && span.has("open") && span.has("close") && test.test(span)) {
                return true;
            }
        }
        return false;
    }

    private static boolean appliesTo(Rule rule, String key, JsonNode body, List<String> fields) {
        return (rule.operation().equals("*") || rule.operation().equals(key))
                && (rule.field().isEmpty() || fields.stream().allMatch(f -> f.equals(rule.field())
                || f.startsWith(rule.field() + ".")))
                && rule.applies().test(body, String.join(",", fields));
    }

    private static List<String> fields(Http.Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.body().path("error").path("details").forEach(d -> fields.add(d.path("field").asText()));
        return fields;
    }

    private static Http.Answer send(String key, World world, JsonNode body, boolean valid) {
        String method = key.substring(0, key.indexOf(' '));
        return http.call(method, world.path().apply(valid), world.token(), body.toString());
    }

    // ---------------------------------------------------------------- generation

    private static JsonNode generate(Schema<?> schema, String path, World world, Random r, boolean randomOptional) {
        String type = type(schema);
        switch (type) {
            case "object": {
                ObjectNode node = JSON.objectNode();
                if (schema.getProperties() != null) {
                    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
                    schema.getProperties().forEach((name, property) -> {
                        if (required.contains(name) || (randomOptional ? r.nextBoolean() : false)) {
                            node.set(name, generate(property, join(path, name), world, r, randomOptional));
                        }
                    });
                } else if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                    int n = r.nextInt(2) + (randomOptional ? 0 : 1);
                    for (int i = 0; i < n; i++) {
                        String k = world.ids().getOrDefault(path + "{}", "key-" + i);
                        node.set(k, generate(values, join(path, k), world, r, randomOptional));
                    }
                }
                return node;
            }
            case "array": {
                ArrayNode node = JSON.arrayNode();
                int min = schema.getMinItems() == null ? 0 : schema.getMinItems();
                int n = Math.max(min, r.nextInt(3));
                for (int i = 0; i < n; i++) {
                    node.add(generate(schema.getItems(), path + "[" + i + "]", world, r, randomOptional));
                }
                return node;
            }
            case "integer": {
                long min = schema.getMinimum() == null ? 0 : schema.getMinimum().longValue();
                long max = schema.getMaximum() == null ? 1000 : schema.getMaximum().longValue();
                return JSON.numberNode(min + (long) (r.nextDouble() * (max - min + 1)));
            }
            case "boolean":
                return JSON.booleanNode(r.nextBoolean());
            default:
                return JSON.textNode(string(schema, path, world, r));
        }
    }

    private static String string(Schema<?> schema, String path, World world, Random r) {
        String field = leaf(path);
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return String.valueOf(schema.getEnum().get(r.nextInt(schema.getEnum().size())));
        }
        String known = world.ids().get(field);
        if (known != null) {
            String[] choices = known.split(",");
            java.util.regex.Matcher index = Pattern.compile("\\[(\\d+)]$").matcher(path);
            return choices[index.find() ? Integer.parseInt(index.group(1)) % choices.length : 0];
        }
        if ("date-time".equals(schema.getFormat())) {
            return "2026-11-" + (10 + r.nextInt(13)) + "T" + String.format("%02d", r.nextInt(24)) + ":00:00Z";
        }
        if (schema.getPattern() != null && KNOWN_GOOD.containsKey(schema.getPattern())) {
            String value = KNOWN_GOOD.get(schema.getPattern()).apply(r);
            if (!Pattern.compile(schema.getPattern()).matcher(value).find()) {
                throw new AssertionError("known-good value " + value + " does not match " + schema.getPattern());
            }
            return value;
        }
        if (schema.getPattern() != null) {
            throw new AssertionError(path + ": no known-good value for pattern " + schema.getPattern()
                    + "; add one to KNOWN_GOOD");
        }
        if (BY_FIELD.containsKey(field)) {
            return BY_FIELD.get(field).apply(r);
        }
        if (schema.getExample() != null) {
            return String.valueOf(schema.getExample());
        }
        throw new AssertionError(path + ": no way to make a valid string (" + schema.getDescription()
                + "); add one to BY_FIELD");
    }

    // ---------------------------------------------------------------- breaking one place

    record Breakage(String what, String field, JsonNode body) {
    }

    /** Every way to break {@code node} (at {@code path} in {@code root}) in one place, each a copy of the root. */
    private static void breakages(Schema<?> schema, JsonNode node, String path, ObjectNode root, List<Breakage> out) {
        String type = type(schema);
        if (!path.isEmpty() && !Boolean.TRUE.equals(schema.getNullable())) {
            out.add(new Breakage("null where not nullable", path, with(root, path, JSON.nullNode())));
        }
        if (!path.isEmpty()) {
            JsonNode wrong = switch (type) {
                case "string" -> JSON.numberNode(7);
                case "integer" -> JSON.textNode("7");
                case "boolean" -> JSON.textNode("true");
                case "array" -> JSON.textNode("a list");
                default -> JSON.arrayNode();
            };
            out.add(new Breakage("a " + wrong.getNodeType() + " for a " + type, path, with(root, path, wrong)));
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = (ObjectNode) node;
                if (schema.getProperties() != null) {
                    List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
                    for (String name : required) {
                        ObjectNode copy = root.deepCopy();
                        ((ObjectNode) at(copy, path)).remove(name);
                        out.add(new Breakage("required field left out", join(path, name), copy));
                    }
                    // an optional field present, so it can be broken too
                    schema.getProperties().forEach((name, property) -> {
                        if (object.has(name)) {
                            breakages(property, object.get(name), join(path, name), root, out);
                        } else {
                            World none = new World(null, Map.of(), v -> "");
                            JsonNode value;
                            try {
                                value = generate(property, join(path, name), none, new Random(name.hashCode()), false);
                            } catch (AssertionError e) {
                                return;
                            }
                            ObjectNode withIt = root.deepCopy();
                            ((ObjectNode) at(withIt, path)).set(name, value);
                            breakages(property, value, join(path, name), withIt, out);
                        }
                    });
                }
                if (Boolean.FALSE.equals(schema.getAdditionalProperties())) {
                    out.add(new Breakage("a field the schema does not have", join(path, "unexpected"),
                            with(root, join(path, "unexpected"), JSON.numberNode(1))));
                } else if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                    Iterator<String> names = object.fieldNames();
                    if (names.hasNext()) {
                        String name = names.next();
                        breakages(values, object.get(name), join(path, name), root, out);
                    }
                    if (schema.getMaxProperties() != null) {
                        ObjectNode many = root.deepCopy();
                        ObjectNode target = (ObjectNode) at(many, path);
                        JsonNode sample = object.elements().hasNext() ? object.elements().next()
                                : JSON.textNode(String.valueOf(values.getEnum().get(0)));
                        for (int i = 0; i <= schema.getMaxProperties(); i++) {
                            target.set("key-" + i, sample);
                        }
                        out.add(new Breakage("more entries than maxProperties", path, many));
                    }
                }
            }
            case "array" -> {
                ArrayNode array = (ArrayNode) node;
                JsonNode item = array.isEmpty() ? null : array.get(0);
                if (schema.getMaxItems() != null && item != null) {
                    ArrayNode many = JSON.arrayNode();
                    for (int i = 0; i <= schema.getMaxItems(); i++) {
                        many.add(item);
                    }
                    out.add(new Breakage("more items than maxItems", path, with(root, path, many)));
                }
                if (schema.getMinItems() != null && schema.getMinItems() > 0) {
                    out.add(new Breakage("fewer items than minItems", path, with(root, path, JSON.arrayNode())));
                }
                if (item != null) {
                    breakages(schema.getItems(), item, path + "[0]", root, out);
                } else {
                    ArrayNode one = JSON.arrayNode();
                    World none = new World(null, Map.of(), v -> "");
                    try {
                        one.add(generate(schema.getItems(), path + "[0]", none, new Random(1), false));
                    } catch (AssertionError e) {
                        return;
                    }
                    ObjectNode withOne = with(root, path, one);
                    breakages(schema.getItems(), one.get(0), path + "[0]", withOne, out);
                }
            }
            case "integer" -> {
                if (schema.getMinimum() != null) {
                    out.add(new Breakage("below minimum", path, with(root, path,
                            JSON.numberNode(schema.getMinimum().subtract(BigDecimal.ONE).longValue()))));
                }
                if (schema.getMaximum() != null) {
                    out.add(new Breakage("above maximum", path, with(root, path,
                            JSON.numberNode(schema.getMaximum().add(BigDecimal.ONE).longValue()))));
                }
                out.add(new Breakage("a fraction for an integer", path, with(root, path, JSON.numberNode(1.5))));
            }
            case "string" -> {
                if (schema.getEnum() != null) {
                    out.add(new Breakage("a value outside the enum", path, with(root, path, JSON.textNode("NOT_ONE"))));
                    out.add(new Breakage("an enum value in lower case", path, with(root, path,
                            JSON.textNode(String.valueOf(schema.getEnum().get(0)).toLowerCase()))));
                }
                if (schema.getPattern() != null) {
                    Pattern p = Pattern.compile(schema.getPattern());
                    for (String candidate : List.of("", "x y", "+0123", "24:00", "9:00", "1", "!", "abc\u0000",
                            node.asText() + " ", " " + node.asText())) {
                        if (!p.matcher(candidate).find() && fitsLength(schema, candidate)) {
                            out.add(new Breakage("'" + candidate + "' outside the pattern", path,
                                    with(root, path, JSON.textNode(candidate))));
                        }
                    }
                }
                if ("email".equals(schema.getFormat())) {
                    out.add(new Breakage("not an email", path, with(root, path, JSON.textNode("not-an-email"))));
                }
                if ("date-time".equals(schema.getFormat())) {
                    out.add(new Breakage("not a date-time", path, with(root, path, JSON.textNode("yesterday"))));
                    out.add(new Breakage("a date without a time", path, with(root, path, JSON.textNode("2026-11-20"))));
                }
                if (schema.getMaxLength() != null) {
                    String text = node.asText();
                    StringBuilder longer = new StringBuilder(text.isEmpty() ? "a" : text);
                    while (longer.codePointCount(0, longer.length()) <= schema.getMaxLength()) {
                        longer.append(longer.charAt(longer.length() - 1) == '@' ? 'a' : 'a');
                    }
                    if (text.contains("@")) {
                        longer = new StringBuilder("a".repeat(schema.getMaxLength()) + "@x.test");
                    }
                    out.add(new Breakage("longer than maxLength", path, with(root, path,
                            JSON.textNode(longer.toString()))));
                }
                if (schema.getMinLength() != null && schema.getMinLength() > 0) {
                    String shorter = node.asText().substring(0, schema.getMinLength() - 1);
                    out.add(new Breakage("shorter than minLength", path, with(root, path, JSON.textNode(shorter))));
                }
            }
            default -> {
            }
        }
    }

    private static boolean fitsLength(Schema<?> schema, String s) {
        int n = s.codePointCount(0, s.length());
        return (schema.getMinLength() == null || n >= schema.getMinLength())
                && (schema.getMaxLength() == null || n <= schema.getMaxLength());
    }

    private static String type(Schema<?> schema) {
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getProperties() != null || schema.getAdditionalProperties() != null) {
            return "object";
        }
        if (schema.getItems() != null) {
            return "array";
        }
        return "string";
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String leaf(String path) {
        String last = path.substring(path.lastIndexOf('.') + 1);
        return last.replaceAll("\\[\\d+]$", "");
    }

    /** The node at a path such as {@code numbers[0].action} (the root for ""). */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        if (path.isEmpty()) {
            return node;
        }
        for (String part : path.split("\\.")) {
            java.util.regex.Matcher m = Pattern.compile("^(.*?)((\\[\\d+])*)$").matcher(part);
            m.matches();
            node = node.get(m.group(1));
            java.util.regex.Matcher idx = Pattern.compile("\\[(\\d+)]").matcher(m.group(2));
            while (idx.find()) {
                node = node.get(Integer.parseInt(idx.group(1)));
            }
        }
        return node;
    }

    /** A copy of root with the value at path replaced (or added). */
    private static ObjectNode with(ObjectNode root, String path, JsonNode value) {
        ObjectNode copy = root.deepCopy();
        int dot = path.lastIndexOf('.');
        String parentPath = dot < 0 ? "" : path.substring(0, dot);
        String last = dot < 0 ? path : path.substring(dot + 1);
        java.util.regex.Matcher m = Pattern.compile("^(.*)\\[(\\d+)]$").matcher(last);
        if (m.matches()) {
            ArrayNode array = (ArrayNode) at(copy, join(parentPath, m.group(1)));
            array.set(Integer.parseInt(m.group(2)), value);
        } else {
            ((ObjectNode) at(copy, parentPath)).set(last, value);
        }
        return copy;
    }

    // ---------------------------------------------------------------- the accounts the bodies are sent to

    private static int worlds;

    /** A fresh account (TEAM, paid) with what the operation's path and ids need; its owner is the admin. */
    private static World world(String key, Random r) {
        String prefix = "prop" + (++worlds);
        if (key.equals("POST /sessions") || key.equals("POST /invitations/accept")) {
            return new World(null, Map.of(), valid -> key.substring(key.indexOf(' ') + 1));
        }
        if (key.equals("PUT /agency/users/{userId}/roles")) {
            Http.Answer agency = http.open("{\"name\":\"" + prefix + " Agency\",\"plan\":\"TEAM\",\"paid\":true,"
                    + "\"agency\":true,\"ownerUsername\":\"" + prefix + "-agent\",\"ownerPassword\":\"Owner-pass-1\"}");
            Http.Answer sub = http.open("{\"name\":\"" + prefix + " Clinic\",\"plan\":\"TEAM\",\"paid\":true,"
                    + "\"parentAccountId\":\"" + agency.text("accountId") + "\",\"ownerUsername\":\"" + prefix
                    + "-clinic\",\"ownerPassword\":\"Owner-pass-1\"}");
            Console c = new Console(http, agency.text("token"), agency.text("accountId"));
            String pat = c.user(prefix + "-pat", "3001");
            return new World(c.token, Map.of("roles{}", sub.text("accountId")), valid -> "/agency/users/" + pat
                    + "/roles");
        }
        Console c = new Console(http, prefix, "TEAM", true);
        String alex = c.user(prefix + "-alex", "2001");
        String kim = c.user(prefix + "-kim", "2002");
        String n1 = c.number("+1312555" + String.format("%04d", worlds * 10 + 1));
        String n2 = c.number("+1312555" + String.format("%04d", worlds * 10 + 2));
        c.assign(n1, alex);
        String direct = c.direct(prefix + " direct", alex);
        String group = c.group(prefix + " group", new String[0], alex, kim);
        Map<String, String> ids = Map.of("userId", alex, "toUserId", kim, "targetCallflowId", group,
                "contactsHeir", n1, "dialUserIds", alex + "," + kim, "memberUserIds", alex + "," + kim);
        String enc1 = n1.replace("+", "%2B");
        int[] fresh = {0};
        Function<Boolean, String> path = switch (key) {
            case "POST /users", "POST /numbers", "POST /queues", "POST /callflows", "POST /calls" ->
                    valid -> key.substring(key.indexOf(' ') + 1);
            case "PATCH /users/{userId}" -> valid -> "/users/" + kim;
            case "POST /users/{userId}/devices" -> valid -> "/users/" + kim + "/devices";
            case "POST /numbers/{number}/contacts" -> valid -> "/numbers/" + enc1 + "/contacts";
            case "PUT /numbers/{number}/assignee" -> valid -> "/numbers/" + n2.replace("+", "%2B") + "/assignee";
            case "POST /numbers/{number}/release" -> valid -> "/numbers/" + (valid
                    ? c.number("+1646555" + String.format("%04d", worlds * 100 + fresh[0]++)).replace("+", "%2B")
                    : n2.replace("+", "%2B")) + "/release";
            case "POST /callflows/{callflowId}/reassign" -> valid -> "/callflows/" + direct + "/reassign";
            case "POST /callflows/{callflowId}/versions" -> valid -> "/callflows/" + group + "/versions";
            case "POST /users/{userId}/offboarding" -> valid -> "/users/" + (valid
                    ? c.user(prefix + "-leaver" + fresh[0]++, String.valueOf(4000 + fresh[0])) : kim) + "/offboarding";
            default -> throw new AssertionError(key + " has a JSON body but the test has no target for its path: "
                    + "add one to ContractPropertyTest.world");
        };
        return new World(c.token, ids, path);
    }
}
