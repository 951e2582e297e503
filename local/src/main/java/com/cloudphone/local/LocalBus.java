package com.cloudphone.local;

import com.cloudphone.local.sfn.Trees;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The event bus of template.yaml, on moto's EventBridge, with a rule that delivers every event of the service and
 * of billing to an SQS queue: the tap {@code GET /dev/events} reads. What the tap holds is what reached the bus.
 */
final class LocalBus {
    static final String TAP = "local-bus-tap";
    private static final Pattern BUS_NAME = Pattern.compile(
            "^  UsersEventBus:\\s*\\n\\s+Type: AWS::Events::EventBus\\s*\\n\\s+Properties:\\s*\\n\\s+Name: (\\S+)",
            Pattern.MULTILINE);

    private final SqsClient sqs;
    private final String name;
    private final String queueUrl;
    private final List<JsonNode> delivered = new ArrayList<>();
    private final Set<String> eventIds = new HashSet<>();

    /** Creates the bus, the queue and the rule unless they are there already (a data folder keeps them). */
    LocalBus(EventBridgeClient events, SqsClient sqs, String name) {
        this.sqs = sqs;
        this.name = name;
        try {
            events.createEventBus(b -> b.name(name));
        } catch (ResourceAlreadyExistsException kept) {
            // made at an earlier start
        }
        this.queueUrl = sqs.createQueue(b -> b.queueName(TAP)
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"))).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name(TAP).eventBusName(name)
                .eventPattern("{\"source\": [\"cloudphone.users\", \"cloudphone.billing\"]}"));
        events.putTargets(b -> b.rule(TAP).eventBusName(name).targets(t -> t.id(TAP).arn(queueArn)));
    }

    /** The bus name template.yaml gives {@code UsersEventBus}. */
    static String nameIn(Path template) {
        try {
            Matcher m = BUS_NAME.matcher(Files.readString(template));
            if (!m.find()) {
                throw new IllegalStateException("template.yaml names no UsersEventBus");
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    /**
     * Moves what the queue holds into the tap's list, in the order received. Messages are deleted once read; with
     * a data folder the journal replays the PutEvents calls at the next start, so the queue, and this list, hold
     * every event that ever reached the bus again.
     */
    synchronized void drain() {
        while (true) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout(30)).messages();
            if (got.isEmpty()) {
                return;
            }
            for (Message m : got) {
                JsonNode event = parse(m.body());
                delivered.add(event);
                eventIds.add(event.path("detail").path("eventId").asText());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(got.stream()
                    .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                    .toList()));
        }
    }

    synchronized List<JsonNode> delivered() {
        return List.copyOf(delivered);
    }

    synchronized boolean reached(String eventId) {
        return eventIds.contains(eventId);
    }

    private static JsonNode parse(String body) {
        try {
            return Trees.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
