package com.cloudphone.local.sfn;

import java.util.List;
/** A named error raised while a state runs: what Retry and Catch look at. */
final class Failure extends RuntimeException {
    static final String RUNTIME = "States.Runtime";

    private final String error;
    private final String cause;

    Failure(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.cause = cause;
    }

    static Failure runtime(String cause) {
        return new Failure(RUNTIME, cause);
    }

    String error() {
        return error;
    }

    String cause() {
        return cause;
    }

    /** States.Runtime and States.DataLimitExceeded always fail the execution: no retrier or catcher sees them. */
    boolean terminal() {
        return RUNTIME.equals(error) || "States.DataLimitExceeded".equals(error);
    }

    /** ErrorEquals matching, with the two wildcards. A Fail state without Error gives a null error. */
    boolean matches(List<String> errorEquals) {
        for (String name : errorEquals) {
            if (name.equals(error) || name.equals("States.ALL")
                    || (name.equals("States.TaskFailed") && !"States.Timeout".equals(error))) {
                return true;
            }
        }
        return false;
    }
}
