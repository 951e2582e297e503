package com.cloudphone.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cloudphone.event.EventSchemas;
import com.cloudphone.testing.TestBackend;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The handler's hand check and the schemas in events/schemas agree, event by event: the samples fit both, and each
 * way of breaking one is refused by both; the handler then drops the event as VALIDATION_FAILED without applying it.
 */
class BillingEventShapeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Case(String name, String sample, Consumer<ScheduledEvent> change) {
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String sample : List.of("billing-plan-changed.json", "billing-seats-changed.json",
                "billing-account-closed.json")) {
            cases.add(new Case("as sent", sample, e -> { }));
            cases.add(new Case("no accountId", sample, e -> e.getDetail().remove("accountId")));
            cases.add(new Case("numeric accountId", sample, e -> e.getDetail().put("accountId", 42)));
            cases.add(new Case("blank accountId", sample, e -> e.getDetail().put("accountId", "  ")));
            cases.add(new Case("another source", sample, e -> e.setSource("cloudphone.users")));
            cases.add(new Case("no detail", sample, e -> e.setDetail(null)));
            cases.add(new Case("no id", sample, e -> e.setId(null)));
            cases.add(new Case("an extra field", sample, e -> e.getDetail().put("invoiceId", "inv_1")));
        }
        String plan = "billing-plan-changed.json";
        cases.add(new Case("unknown plan", plan, e -> e.getDetail().put("plan", "GOLD")));
        cases.add(new Case("lower-case plan", plan, e -> e.getDetail().put("plan", "solo")));
        cases.add(new Case("no plan", plan, e -> e.getDetail().remove("plan")));
        cases.add(new Case("seatLimit as text", plan, e -> e.getDetail().put("seatLimit", "40")));
        cases.add(new Case("seatLimit 0", plan, e -> e.getDetail().put("seatLimit", 0)));
        cases.add(new Case("seatLimit 10001", plan, e -> e.getDetail().put("seatLimit", 10_001)));
        cases.add(new Case("seatLimit 40.5", plan, e -> e.getDetail().put("seatLimit", 40.5)));
        cases.add(new Case("paid as text", plan, e -> e.getDetail().put("paid", "yes")));
        cases.add(new Case("no paid", plan, e -> e.getDetail().remove("paid")));
        String seats = "billing-seats-changed.json";
        cases.add(new Case("negative seatLimit", seats, e -> e.getDetail().put("seatLimit", -5)));
        cases.add(new Case("no seatLimit", seats, e -> e.getDetail().remove("seatLimit")));
        cases.add(new Case("numeric reason", "billing-account-closed.json", e -> e.getDetail().put("reason", 7)));
        return cases;
    }

    private static String envelope(ScheduledEvent e) throws Exception {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("version", e.getVersion());
        envelope.put("id", e.getId());
        envelope.put("detail-type", e.getDetailType());
        envelope.put("source", e.getSource());
        envelope.put("account", e.getAccount());
        envelope.put("time", e.getTime() == null ? null : e.getTime().toString());
        envelope.put("region", e.getRegion());
        envelope.put("resources", e.getResources());
        envelope.put("detail", e.getDetail());
        envelope.values().removeIf(v -> v == null);
        return JSON.writeValueAsString(envelope);
    }

    @Test
    void theHandlerAndTheSchemasGiveTheSameVerdicts() throws Exception {
        int refused = 0;
        for (Case c : cases()) {
            ScheduledEvent event = EventLoader.loadScheduledEvent(c.sample());
            event.setDetail(new HashMap<>(event.getDetail()));
            c.change().accept(event);
            List<String> schema = EventSchemas.problems(envelope(event));
            boolean byHand = BillingEventShape.problems(event).isEmpty();
            assertEquals(schema.isEmpty(), byHand, c.sample() + ", " + c.name() + ": the schema says " + schema);
            if (!byHand) {
                refused++;
                TestBackend t = new TestBackend();
                t.seedSampleAccount();
                Map<String, Object> outcome = new BillingEventsHandler(t.backend).handleRequest(event, null);
                assertEquals("DROPPED", outcome.get("outcome"), c.name());
                assertEquals("VALIDATION_FAILED", outcome.get("code"), c.name());
                assertTrue(t.bus.published().stream().noneMatch(ev -> ev.type().equals("AccountUpdated")), c.name());
            }
        }
        assertTrue(refused >= 20, "cases refused: " + refused);
    }
}
