package com.cloudphone.error;

/** Every error the API can answer with, and the HTTP status it maps to. The one place statuses are decided. */
public enum ErrorCode {
    VALIDATION_FAILED(400),
    MALFORMED_JSON(400),
    UNAUTHENTICATED(401),
    INVALID_CREDENTIALS(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    ROUTE_NOT_FOUND(404),
    /** Only the local stack answers it: API Gateway answers a known path with another method with 404. */
    METHOD_NOT_ALLOWED(405),
    SEAT_LIMIT_REACHED(409),
    USERNAME_TAKEN(409),
    EMAIL_TAKEN(409),
    EXTENSION_TAKEN(409),
    NUMBER_TAKEN(409),
    INVALID_STATE(409),
    CONFLICT(409),
    PLAN_FEATURE_UNAVAILABLE(409),
    USER_HAS_DEPENDENCIES(409),
    USER_LOGGED_IN(409),
    JOB_IN_PROGRESS(409),
    IDEMPOTENCY_KEY_REUSED(422),
    INTERNAL(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
