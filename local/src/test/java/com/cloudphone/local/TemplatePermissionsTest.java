package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.Prime;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What each function may do in AWS, and how the state machine reaches the task functions, read off template.yaml. */
class TemplatePermissionsTest {
    private static final Path ROOT = LocalStack.projectRoot();
    private static final String TABLE = "DynamoDBCrudPolicy(TableName=Ref UsersTable)";
    private static final String START_OFFBOARDING =
            "StepFunctionsExecutionPolicy(StateMachineName=GetAtt OffboardingStateMachine.Name)";

    /** Least privilege: every function's policies, exactly. Only the sessions function reads the signing key. */
    private static final Map<String, Set<String>> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("AddUserFunction", Set.of(TABLE)),
            Map.entry("UsersFunction", Set.of(TABLE)),
            Map.entry("NumbersFunction", Set.of(TABLE)),
            Map.entry("AssignNumberFunction", Set.of(TABLE)),
            Map.entry("SessionsFunction", Set.of(TABLE,
                    "AWSSecretsManagerGetSecretValuePolicy(SecretArn=Ref SigningKeySecretArn)")),
            Map.entry("QueuesFunction", Set.of(TABLE)),
            Map.entry("RemoveFromQueuesTaskFunction", Set.of(TABLE)),
            Map.entry("CallflowsFunction", Set.of(TABLE)),
            Map.entry("CallflowTaskFunction", Set.of(TABLE)),
            Map.entry("ReleaseNumberFunction", Set.of(TABLE)),
            Map.entry("NumberTaskFunction", Set.of(TABLE)),
            Map.entry("DeleteUserFunction", Set.of(TABLE, START_OFFBOARDING)),
            Map.entry("DeleteUserTaskFunction", Set.of(TABLE)),
            Map.entry("AgencyFunction", Set.of(TABLE, START_OFFBOARDING)),
            Map.entry("AgencyRemovalTaskFunction", Set.of(TABLE)),
            Map.entry("RecordFailureTaskFunction", Set.of(TABLE)),
            Map.entry("PurgeDataTaskFunction", Set.of(TABLE)),
            // the sweep finishes closures cut short, which schedules each member's purge
            Map.entry("PurgeSweepFunction", Set.of(TABLE, START_OFFBOARDING)),
            Map.entry("CallsFunction", Set.of(TABLE)),
            // AccountClosed removes every member and schedules each one's purge (an execution per member)
            Map.entry("BillingEventsFunction", Set.of(TABLE, START_OFFBOARDING)),
            Map.entry("PublishEventsFunction", Set.of(
                    "EventBridgePutEventsPolicy(EventBusName=Ref UsersEventBus)",
                    "SQSSendMessagePolicy(QueueName=GetAtt OutboxDeadLetterQueue.QueueName)"))));

    private static JsonNode template;
    private static Map<String, JsonNode> functions;

    @BeforeAll
    static void read() throws Exception {
        template = CloudFormationYaml.read(ROOT.resolve("template.yaml"));
        functions = new TreeMap<>();
        template.get("Resources").fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                functions.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
    }

    @Test
    void everyFunctionHasExactlyItsPolicies() {
        Map<String, Set<String>> actual = new TreeMap<>();
        functions.forEach((id, properties) -> {
            Set<String> policies = new TreeSet<>();
            for (JsonNode policy : properties.path("Policies")) {
                policies.add(describe(policy));
            }
            actual.put(id, policies);
        });
        Map<String, Set<String>> expected = new TreeMap<>();
        EXPECTED.forEach((id, policies) -> expected.put(id, new TreeSet<>(policies)));
        assertEquals(expected, actual);
        assertTrue(template.path("Globals").path("Function").path("Policies").isMissingNode(),
                "policies in Globals would go to every function");
    }

    /** A function allowed to start executions is told which state machine, and only such a function is. */
    @Test
    void theFunctionsThatStartExecutionsKnowTheStateMachine() {
        functions.forEach((id, properties) -> {
            boolean may = false;
            for (JsonNode policy : properties.path("Policies")) may |= describe(policy).equals(START_OFFBOARDING);
            boolean told = properties.path("Environment").path("Variables").has("STATE_MACHINE_ARN");
            assertEquals(may, told, id + ": StartExecution allowed " + may + ", STATE_MACHINE_ARN set " + told);
        });
    }

    /** Not in a policy, not in an environment variable, not in Globals: the key's ARN is the sessions function's. */
    @Test
    void onlyTheSessionsFunctionNamesTheSigningKey() {
        assertFalse(mentions(template.path("Globals"), "SigningKeySecretArn"), "Globals names the signing key");
        List<String> naming = new ArrayList<>();
        functions.forEach((id, properties) -> {
            if (mentions(properties, "SigningKeySecretArn")) {
                naming.add(id);
            }
        });
        assertEquals(List.of("SessionsFunction"), naming);
    }

    /** SnapStart runs on published versions only: a task called by its unqualified ARN ($LATEST) gets none. */
    @Test
    void theStateMachineCallsTheTaskFunctionsThroughTheirAliases() throws Exception {
        assertTrue(template.path("Globals").path("Function").path("AutoPublishAlias").isTextual());
        JsonNode machine = template.get("Resources").get("OffboardingStateMachine").get("Properties");
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(
                Files.readString(ROOT.resolve(machine.get("DefinitionUri").asText())));
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> invokable = new TreeSet<>();
        for (JsonNode policy : machine.path("Policies")) {
            invokable.add(policy.path("LambdaInvokePolicy").path("FunctionName").path("Ref").asText());
        }
        Set<String> substituted = new TreeSet<>();
        machine.get("DefinitionSubstitutions").fields().forEachRemaining(e -> {
            substituted.add(e.getKey());
            String ref = e.getValue().path("Ref").asText();
            assertTrue(ref.endsWith(".Alias"), e.getKey() + " must be !Ref <Function>.Alias, is " + e.getValue());
            String function = ref.substring(0, ref.length() - ".Alias".length());
            assertTrue(functions.containsKey(function), e.getKey() + ": no function " + function);
            assertTrue(invokable.contains(function), "the state machine may not invoke " + function);
        });
        assertEquals(used, substituted, "substitutions the definition uses");
    }

    /** A priming step the function has no permission for would fail at every version's checkpoint. */
    @Test
    void functionsPrimeOnlyTheTableTheyMayRead() throws Exception {
        for (Map.Entry<String, JsonNode> e : functions.entrySet()) {
            String handler = e.getValue().get("Handler").asText().split("::")[0];
            Set<Prime> primes = priming(Class.forName(handler));
            boolean mayReadTable = false;
            for (JsonNode policy : e.getValue().path("Policies")) {
                mayReadTable |= policy.has("DynamoDBCrudPolicy") || policy.has("DynamoDBReadPolicy");
            }
            assertTrue(mayReadTable || !primes.contains(Prime.TABLE_READ),
                    e.getKey() + " primes a table read without permission to read the table");
        }
    }

    @Test
    void theRuntimeAndTheLayerAgree() {
        JsonNode globals = template.path("Globals").path("Function");
        JsonNode layer = template.get("Resources").get("CoreLayer").get("Properties");
        assertEquals(globals.get("Architectures"), layer.get("CompatibleArchitectures"));
        assertTrue(layer.get("CompatibleRuntimes").toString().contains(globals.get("Runtime").asText()));
        // java21 already runs with -XX:+TieredCompilation -XX:TieredStopAtLevel=1
        assertTrue(globals.path("Environment").path("Variables").path("JAVA_TOOL_OPTIONS").isMissingNode());
    }

    /** The handler's own PRIMING if it declares one, else what {@code Backend.fromEnvironment()} primes. */
    @SuppressWarnings("unchecked")
    private static Set<Prime> priming(Class<?> handler) throws IllegalAccessException {
        try {
            Field field = handler.getField("PRIMING");
            return (Set<Prime>) field.get(null);
        } catch (NoSuchFieldException e) {
            return Prime.DEFAULT;
        }
    }

    /** {"DynamoDBCrudPolicy": {"TableName": {"Ref": "UsersTable"}}} as DynamoDBCrudPolicy(TableName=Ref UsersTable). */
    private static String describe(JsonNode policy) {
        if (!policy.isObject() || policy.size() != 1) {
            return "not a policy template: " + policy;
        }
        var entry = policy.fields().next();
        List<String> parameters = new ArrayList<>();
        entry.getValue().fields().forEachRemaining(p -> {
            JsonNode v = p.getValue();
            String value = v.has("Ref") ? "Ref " + v.get("Ref").asText()
                    : v.has("Fn::GetAtt") ? "GetAtt " + v.get("Fn::GetAtt").asText() : v.toString();
            parameters.add(p.getKey() + "=" + value);
        });
        return entry.getKey() + "(" + String.join(",", parameters) + ")";
    }

    private static boolean mentions(JsonNode node, String name) {
        return node.toString().contains(name);
    }
}
