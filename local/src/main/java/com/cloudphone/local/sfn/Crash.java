package com.cloudphone.local.sfn;

/**
 * Thrown by a {@link Listener} (or a {@link Task}) to stop an execution dead, as if the process running it had
 * died: no Retry or Catch sees it, and {@link Interpreter#run} returns an ABORTED execution.
 */
public final class Crash extends RuntimeException {
    public Crash(String message) {
        super(message);
    }
}
