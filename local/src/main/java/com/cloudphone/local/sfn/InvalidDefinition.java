package com.cloudphone.local.sfn;

/** The ASL document would be rejected by CreateStateMachine, or uses something this interpreter does not run. */
public final class InvalidDefinition extends IllegalArgumentException {
    public InvalidDefinition(String message) {
        super(message);
    }
}
