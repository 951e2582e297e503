package com.cloudphone.local.sfn;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The interpreter's JSON: ASL paths and templates work on databind trees. */
public final class Trees {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Trees() {
    }
}
