package com.cloudphone.local.sfn;

import java.util.Objects;
/**
 * Thrown by a {@link Task} to fail with a chosen error name, as a Lambda function's error type would name it.
 * Retry and Catch match {@link #error()}; {@link #cause()} becomes the error output's Cause.
 */
public class TaskFailure extends RuntimeException {
    private final String error;
    private final String cause;

    public TaskFailure(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause));
        this.error = Objects.requireNonNull(error, "error");
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }
}
