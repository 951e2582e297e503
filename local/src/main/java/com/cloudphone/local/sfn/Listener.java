package com.cloudphone.local.sfn;

/**
 * Sees each event as the execution records it. It may throw {@link Crash} to kill the execution there, as a
 * test of what a half-done workflow leaves behind.
 */
@FunctionalInterface
public interface Listener {
    Listener NONE = event -> { };

    void onEvent(Event event);

    /** Kills the execution once the named state has exited (its task done, the next state not yet entered). */
    static Listener crashAfter(String state) {
        return event -> {
            if (event.type() == Event.Type.STATE_EXITED && state.equals(event.state())) {
                throw new Crash("crashed after " + state);
            }
        };
    }

    /** Kills the execution as the named state is entered, before it does anything. */
    static Listener crashOnEntering(String state) {
        return event -> {
            if (event.type() == Event.Type.STATE_ENTERED && state.equals(event.state())) {
                throw new Crash("crashed entering " + state);
            }
        };
    }
}
