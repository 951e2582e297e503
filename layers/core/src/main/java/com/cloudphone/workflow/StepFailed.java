package com.cloudphone.workflow;

import com.cloudphone.error.ApiException;
import com.cloudphone.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A workflow step that cannot succeed by retrying (the user is still logged in, a target callflow is gone...).
 * Lambda reports it with this class's name as the error, which the state machine does not retry; the message is
 * the JSON error body {code, message, details} the job will show.
 */
public final class StepFailed extends RuntimeException {
    public static final String ERROR_NAME = StepFailed.class.getName();

    public StepFailed(ApiException cause) {
        super(Json.write(body(cause)), null, false, false);
    }

    static Map<String, Object> body(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", e.code().name());
        body.put("message", e.getMessage());
        body.put("details", e.details());
        return body;
    }
}
