package com.cloudphone.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.cloudphone.error.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of events/schemas/{PlanChanged,SeatsChanged,AccountClosed}.json, by hand: a schema library would
 * add its own JSON stack to this function's cold start. BillingEventShapeTest holds the two to the same verdicts.
 */
final class BillingEventShape {
    static final String SOURCE = "cloudphone.billing";
    private static final Set<String> TYPES = Set.of("PlanChanged", "SeatsChanged", "AccountClosed");
    private static final Set<String> PLANS = Set.of("FREE", "SOLO", "TEAM", "free", "solo", "team");

    private BillingEventShape() {
    }

    /** Every way the event differs from its schema; empty when it fits. */
    static List<FieldProblem> problems(ScheduledEvent event) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!SOURCE.equals(event.getSource())) {
            problems.add(new FieldProblem("source", "must be " + SOURCE));
        }
        String type = event.getDetailType();
        if (!TYPES.contains(type)) {
            problems.add(new FieldProblem("detail-type", "must be one of " + TYPES));
        }
        if (event.getId() == null) {
            problems.add(new FieldProblem("id", "is required"));
        }
        if (event.getTime() == null) {
            problems.add(new FieldProblem("time", "is required"));
        }
        Map<String, Object> detail = event.getDetail();
        if (detail == null) {
            problems.add(new FieldProblem("detail", "is required"));
            return problems;
        }
        if (!(detail.get("accountId") instanceof String id) || id.isBlank()) {
            problems.add(new FieldProblem("detail.accountId", "is required: a non-blank string"));
        }
        if ("PlanChanged".equals(type) && !(detail.get("plan") instanceof String plan && PLANS.contains(plan))) {
            problems.add(new FieldProblem("detail.plan", "must be FREE, SOLO or TEAM"));
        }
        if (("PlanChanged".equals(type) || "SeatsChanged".equals(type)) && detail.containsKey("seatLimit")
                && !isSeatLimit(detail.get("seatLimit"))) {
            problems.add(new FieldProblem("detail.seatLimit", "must be a whole number from 1 to 10000"));
        }
        if ("PlanChanged".equals(type) && detail.containsKey("paid") && !(detail.get("paid") instanceof Boolean)) {
            problems.add(new FieldProblem("detail.paid", "must be true or false"));
        }
        if ("AccountClosed".equals(type) && detail.containsKey("reason") && !(detail.get("reason") instanceof String)) {
            problems.add(new FieldProblem("detail.reason", "must be a string"));
        }
        return problems;
    }

    private static boolean isSeatLimit(Object value) {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            return false;
        }
        return n.doubleValue() >= 1 && n.doubleValue() <= 10_000;
    }
}
