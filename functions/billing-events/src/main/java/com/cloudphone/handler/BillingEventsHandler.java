package com.cloudphone.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.cloudphone.Backend;
import com.cloudphone.error.ApiException;
import com.cloudphone.error.FieldProblem;
import com.cloudphone.log.Log;
import com.cloudphone.service.BillingService;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Billing's events from EventBridge (PlanChanged, SeatsChanged, AccountClosed). An event that can never apply
 * (one that fails its schema in events/schemas, malformed, unknown account) is logged and dropped rather than
 * retried; anything else throws, so EventBridge retries it.
 */
public class BillingEventsHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    /** What a wind-down leaves of the invocation's time when it stops (a member's removal takes well under it). */
    static final int SPARE_MS = 5_000;
    private final BillingService billing;

    public BillingEventsHandler() {
        this(Backend.fromEnvironment());
    }

    public BillingEventsHandler(Backend backend) {
        this(backend.billing);
    }

    /** What it uses, and nothing else. */
    public BillingEventsHandler(BillingService billing) {
        this.billing = billing;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("eventId", event.getId());
        log.put("type", event.getDetailType());
        log.put("requestId", context == null ? null : context.getAwsRequestId());
        Object accountId = event.getDetail() == null ? null : event.getDetail().get("accountId");
        log.put("accountId", accountId);
        String time = event.getTime() == null ? Instant.now().toString()
                : Instant.ofEpochMilli(event.getTime().getMillis()).toString();
        try {
            List<FieldProblem> problems = BillingEventShape.problems(event);
            if (!problems.isEmpty()) {
                throw ApiException.invalid(problems);
            }
            // a closure's wind-down stops with time to spare; the hourly sweep carries it on
            Map<String, Object> result = billing.apply(event.getDetailType(), event.getDetail(), time,
                    event.getId(), () -> context == null || context.getRemainingTimeInMillis() > SPARE_MS);
            log.put("outcome", result.get("outcome"));
            Log.info("billing event", log);
            return result;
        } catch (ApiException e) {
            log.put("outcome", "DROPPED");
            log.put("code", e.code().name());
            Log.warn(e.getMessage(), log);
            Map<String, Object> dropped = new LinkedHashMap<>();
            dropped.put("outcome", "DROPPED");
            dropped.put("code", e.code().name());
            dropped.put("details", e.details());
            return dropped;
        }
    }
}
