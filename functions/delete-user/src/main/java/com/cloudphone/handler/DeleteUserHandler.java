package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.error.ApiException;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Idempotency;
import com.cloudphone.http.OffboardingRequests;
import com.cloudphone.http.Reply;
import com.cloudphone.model.JobStatus;
import com.cloudphone.service.DeletionService;
import com.cloudphone.service.OffboardingService;
import java.util.Locale;
import java.util.Map;

/** delete-user: the blocker check, the delete itself, one-request offboarding, and the jobs' status. */
public class DeleteUserHandler extends HttpFunction {
    private final DeletionService deletion;
    private final OffboardingService offboarding;

    public DeleteUserHandler() {
        this(Backend.fromEnvironment());
    }

    public DeleteUserHandler(Backend backend) {
        this(backend.idempotency, backend.deletion, backend.offboarding);
    }

    /** What it uses, and nothing else. */
    public DeleteUserHandler(Idempotency idempotency, DeletionService deletion, OffboardingService offboarding) {
        super(idempotency);
        this.deletion = deletion;
        this.offboarding = offboarding;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        return switch (request.routeKey()) {
            case "GET /users/{userId}/deletion-blockers" ->
                    Reply.ok(Map.of("blockers", deletion.blockers(caller, request.path("userId"))));
            case "DELETE /users/{userId}" -> Reply.ok(offboarding.deleteNow(caller, request.path("userId")));
            case "POST /users/{userId}/offboarding" -> {
                String userId = request.path("userId");
                yield new Reply(202, offboarding.start(caller, userId, OffboardingRequests.plan(request)));
            }
            case "GET /jobs" -> Reply.page(offboarding.jobs(caller, jobStatus(request), request.page()));
            case "GET /jobs/{jobId}" -> Reply.ok(offboarding.job(caller, request.path("jobId")));
            default -> throw noRoute(request);
        };
    }

    private static JobStatus jobStatus(ApiRequest request) {
        String status = request.query("status").orElse(null);
        if (status == null) {
            return null;
        }
        try {
            return JobStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("status", "must be one of RUNNING, WAITING_FOR_PURGE, SUCCEEDED, FAILED");
        }
    }
}
