package com.cloudphone.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Tests read responses, stored documents and sample events as databind trees; the functions do not. */
public final class TestJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private TestJson() {
    }
}
