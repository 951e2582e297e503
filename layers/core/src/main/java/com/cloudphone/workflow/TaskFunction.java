package com.cloudphone.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.cloudphone.json.Json;
import com.cloudphone.log.Log;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shell of every Step Functions task function: the state's input as JSON in, the step's result out, one log
 * line each. Exceptions propagate, so Step Functions sees the error name and can Retry or Catch.
 */
public abstract class TaskFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    protected abstract Map<String, Object> run(Map<String, Object> input);

    @Override
    public final Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        Map<String, Object> in = input == null ? Map.of() : input;
        long started = System.nanoTime();
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("task", getClass().getSimpleName());
        log.put("requestId", context == null ? null : context.getAwsRequestId());
        log.put("accountId", Json.text(in, "accountId"));
        log.put("jobId", Json.text(in, "jobId"));
        try {
            Map<String, Object> result = run(in);
            log.put("ms", (System.nanoTime() - started) / 1_000_000);
            Log.info("task done", log);
            return result;
        } catch (RuntimeException e) {
            log.put("error", e.getClass().getName());
            log.put("ms", (System.nanoTime() - started) / 1_000_000);
            Log.warn("task failed", log);
            throw e;
        }
    }
}
