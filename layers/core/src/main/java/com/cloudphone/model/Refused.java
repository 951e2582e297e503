package com.cloudphone.model;

/** Thrown by the store when a change is refused: nothing was written. */
public final class Refused extends RuntimeException {
    private final Refusal refusal;

    public Refused(Refusal refusal) {
        super(refusal.toString(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
