package com.cloudphone.error;

import java.util.List;

/** The single error type of the service. {@code details} are field problems or blockers, serialised as given. */
public class ApiException extends RuntimeException {
    private final ErrorCode code;
    private final List<?> details;

    public ApiException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public ApiException(ErrorCode code, String message, List<?> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = List.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public List<?> details() {
        return details;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ApiException forbidden(String why) {
        return new ApiException(ErrorCode.FORBIDDEN, why);
    }

    public static ApiException invalid(List<FieldProblem> problems) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, "The request has invalid fields", problems);
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new FieldProblem(field, message)));
    }
}
