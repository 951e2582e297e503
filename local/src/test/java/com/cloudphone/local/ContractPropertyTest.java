package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
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
                    ObjectNode body = (ObjectNode) BodyValues.generate(schema, "", world, random, true);
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
                List<Breakages.Breakage> breakages = new ArrayList<>();
                ObjectNode base = base(key, schema, world, random);
                Breakages.breakages(schema, base, "", base, breakages);
                java.util.Collections.shuffle(breakages, random);
                for (Breakages.Breakage b : breakages.subList(0, Math.min(BROKEN_PER_OPERATION, breakages.size()))) {
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
            ObjectNode body = (ObjectNode) BodyValues.generate(schema, "", world, random, true);
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

    // ---------------------------------------------------------------- breaking one place

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
