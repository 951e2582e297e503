package com.cloudphone.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.cloudphone.Backend;
import com.cloudphone.log.Log;
import com.cloudphone.service.ClosureService;
import com.cloudphone.service.PurgeService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * purge-data, on the hourly EventBridge schedule: carries on the wind-down of closed accounts that was cut short,
 * then purges every tombstone past its purgeAt, so an execution that was lost never keeps personal data beyond its
 * window.
 */
public class PurgeSweepHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    /** What the closures leave of the invocation's time for the purges (each a few calls). */
    static final int SPARE_MS = 60_000;
    private final ClosureService closures;
    private final PurgeService purge;

    public PurgeSweepHandler() {
        this(Backend.fromEnvironment());
    }

    public PurgeSweepHandler(Backend backend) {
        this(backend.closures, backend.purge);
    }

    /** What it uses, and nothing else. */
    public PurgeSweepHandler(ClosureService closures, PurgeService purge) {
        this.closures = closures;
        this.purge = purge;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        // first the closed accounts whose wind-down was cut short: their members' tombstones are then swept too
        List<Map<String, Object>> carriedOn = closures.continueUnfinished(
                () -> context == null || context.getRemainingTimeInMillis() > SPARE_MS);
        Map<String, Object> result = new LinkedHashMap<>(purge.sweep());
        result.put("closures", carriedOn);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("closuresCarriedOn", carriedOn.size());
        log.put("requestId", context == null ? null : context.getAwsRequestId());
        log.put("scheduledAt", event == null || event.getTime() == null ? null : event.getTime().toString());
        log.put("purged", ((List<?>) result.get("purged")).size());
        log.put("failed", ((List<?>) result.get("failed")).size());
        Log.info("purge sweep", log);
        return result;
    }
}
