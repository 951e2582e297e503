package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an on-call engineer needs from template.yaml: logs kept, failures kept, alarms on them, throttles, CORS. */
class TemplateOperationsTest {
    private static final Path ROOT = LocalStack.projectRoot();
    private static JsonNode resources;
    private static final Map<String, JsonNode> FUNCTIONS = new TreeMap<>();

    @BeforeAll
    static void read() throws Exception {
        resources = CloudFormationYaml.read(ROOT.resolve("template.yaml")).get("Resources");
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                FUNCTIONS.put(e.getKey(), e.getValue().path("Properties"));
            }
        });
    }

    private static JsonNode resource(JsonNode ref, String type) {
        JsonNode getAtt = ref.path("Fn::GetAtt");
        // !GetAtt X.Arn reads as "X.Arn", the long form as ["X", "Arn"]
        String id = ref.has("Ref") ? ref.get("Ref").asText()
                : getAtt.isTextual() ? getAtt.asText().split("\\.")[0] : getAtt.get(0).asText();
        JsonNode r = resources.path(id);
        assertEquals(type, r.path("Type").asText(), id);
        return r;
    }

    private static void keptLogGroup(JsonNode ref) {
        JsonNode group = resource(ref, "AWS::Logs::LogGroup");
        assertEquals("LogRetentionDays", group.at("/Properties/RetentionInDays/Ref").asText(), ref.toString());
    }

    private static List<JsonNode> alarms() {
        List<JsonNode> alarms = new java.util.ArrayList<>();
        resources.forEach(r -> {
            if (r.path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                alarms.add(r.get("Properties"));
            }
        });
        return alarms;
    }

    /** The alarm on {@code metric} of the resource a dimension names, firing on anything above the threshold. */
    private static JsonNode alarm(String metric, String dimension, String target) {
        return alarms().stream().filter(a -> a.path("MetricName").asText().equals(metric)
                        && a.path("Dimensions").get(0).path("Name").asText().equals(dimension)
                        && a.path("Dimensions").get(0).path("Value").toString().contains("\"" + target))
                .findFirst().orElseThrow(() -> new AssertionError("no " + metric + " alarm on " + target));
    }

    @Test
    void everyFunctionAndTheStateMachineLogToAGroupWithRetention() {
        FUNCTIONS.forEach((id, properties) -> keptLogGroup(properties.at("/LoggingConfig/LogGroup")));
        JsonNode machine = resources.at("/OffboardingStateMachine/Properties");
        assertFalse(machine.at("/Logging/IncludeExecutionData").asBoolean(true), "executions hold personal data");
        assertTrue(Set.of("ERROR", "FATAL", "ALL").contains(machine.at("/Logging/Level").asText()));
        keptLogGroup(machine.at("/Logging/Destinations/0/CloudWatchLogsLogGroup/LogGroupArn"));
        assertTrue(machine.at("/Tracing/Enabled").asBoolean(), "X-Ray on the state machine");
        assertTrue(machine.path("Policies").toString().contains("AWSXrayWriteOnlyAccess"));
        assertTrue(machine.path("Policies").toString().contains("logs:CreateLogDelivery"));
    }

    @Test
    void theApiLogsAccessAndThrottlesSignInHarder() throws Exception {
        JsonNode api = resources.at("/HttpApi/Properties");
        keptLogGroup(api.at("/AccessLogSettings/DestinationArn"));
        String format = api.at("/AccessLogSettings/Format").asText();
        assertTrue(format.contains("$context.requestId") && format.contains("$context.status"), format);
        int rate = api.at("/DefaultRouteSettings/ThrottlingRateLimit").asInt();
        int burst = api.at("/DefaultRouteSettings/ThrottlingBurstLimit").asInt();
        assertTrue(rate > 0 && burst >= rate);
        Set<String> documented = TemplateRoutesTest.operations(TemplateRoutesTest.document()).keySet();
        for (String route : List.of("POST /sessions", "POST /invitations/accept")) {
            assertTrue(documented.contains(route), route);
            JsonNode tight = api.path("RouteSettings").path(route);
            assertTrue(tight.path("ThrottlingRateLimit").asInt(Integer.MAX_VALUE) < rate, route + " rate");
            assertTrue(tight.path("ThrottlingBurstLimit").asInt(Integer.MAX_VALUE) < burst, route + " burst");
        }
        api.path("RouteSettings").fieldNames().forEachRemaining(route ->
                assertTrue(documented.contains(route), route + " is not a route of the API"));
    }

    @Test
    void failedDeliveriesAreKeptAndEveryQueueRaisesAnAlarm() {
        JsonNode rule = FUNCTIONS.get("BillingEventsFunction").at("/Events/FromBilling/Properties");
        JsonNode dlq = resource(rule.at("/DeadLetterConfig/Arn"), "AWS::SQS::Queue");
        assertTrue(dlq.at("/Properties/MessageRetentionPeriod").asInt() >= 7 * 86400);
        boolean eventBridgeMaySend = false;
        for (JsonNode r : resources) {
            if (r.path("Type").asText().equals("AWS::SQS::QueuePolicy")
                    && r.at("/Properties/Queues").toString().contains("BillingRuleDeadLetterQueue")) {
                JsonNode statement = r.at("/Properties/PolicyDocument/Statement/0");
                eventBridgeMaySend = statement.at("/Principal/Service").asText().equals("events.amazonaws.com")
                        && statement.at("/Condition/ArnEquals/aws:SourceArn/Fn::GetAtt").asText()
                        .equals("BillingEventsFunctionFromBilling.Arn");
            }
        }
        assertTrue(eventBridgeMaySend, "only the billing rule may send to its dead-letter queue");

        FUNCTIONS.forEach((id, properties) -> {
            boolean async = properties.path("Events").toString().matches(".*\"Type\":\"(EventBridgeRule|Schedule)\".*");
            if (async) {
                JsonNode onFailure = properties.at("/EventInvokeConfig/DestinationConfig/OnFailure");
                assertEquals("SQS", onFailure.path("Type").asText(), id + " keeps its failed async invocations");
                resource(onFailure.path("Destination"), "AWS::SQS::Queue");
            }
        });

        Set<String> queues = new TreeSet<>();
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::SQS::Queue")) {
                queues.add(e.getKey());
            }
        });
        assertEquals(Set.of("AsyncFailureQueue", "BillingRuleDeadLetterQueue", "OutboxDeadLetterQueue"), queues);
        for (String queue : queues) {
            JsonNode a = alarm("ApproximateNumberOfMessagesVisible", "QueueName", queue);
            assertEquals(0, a.path("Threshold").asInt(), queue);
            assertEquals("GreaterThanThreshold", a.path("ComparisonOperator").asText(), queue);
        }
    }

    @Test
    void alarmsWatchTheRelayTheWorkflowTheApiAndEveryFunction() {
        alarm("IteratorAge", "FunctionName", "PublishEventsFunction");
        alarm("ExecutionsFailed", "StateMachineArn", "OffboardingStateMachine");
        alarm("5xx", "ApiId", "HttpApi");
        for (String function : FUNCTIONS.keySet()) {
            alarm("Errors", "FunctionName", function);
            alarm("Throttles", "FunctionName", function);
        }
        for (JsonNode a : alarms()) {
            assertEquals("[{\"Ref\":\"AlarmTopic\"}]", a.path("AlarmActions").toString(), a.path("AlarmDescription").asText());
            assertEquals("notBreaching", a.path("TreatMissingData").asText());
        }
    }

    @Test
    void corsLetsTheConsoleOriginSendItsHeaders() throws Exception {
        JsonNode document = TemplateRoutesTest.document();
        JsonNode cors = document.get("x-amazon-apigateway-cors");
        assertEquals("[{\"Ref\":\"ConsoleOrigin\"}]", cors.path("allowOrigins").toString());
        Set<String> headers = new TreeSet<>();
        cors.path("allowHeaders").forEach(h -> headers.add(h.asText().toLowerCase()));
        assertTrue(headers.containsAll(Set.of("authorization", "content-type", "idempotency-key")), headers.toString());
        Set<String> methods = new TreeSet<>();
        cors.path("allowMethods").forEach(m -> methods.add(m.asText()));
        for (String route : TemplateRoutesTest.operations(document).keySet()) {
            assertTrue(methods.contains(route.split(" ")[0]), route + ": its method is not allowed by CORS");
        }
        JsonNode origin = CloudFormationYaml.read(ROOT.resolve("template.yaml")).at("/Parameters/ConsoleOrigin");
        assertTrue("https://console.example.com".matches(origin.path("AllowedPattern").asText()));
        assertFalse("https://console.example.com/".matches(origin.path("AllowedPattern").asText()));
        assertFalse("*".matches(origin.path("AllowedPattern").asText()));
    }
}
