package com.cloudphone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChangeTest {

    @Test
    void keepLeavesClearEmptiesSetReplaces() {
        assertEquals("1001", Change.<String>keep().applyTo("1001"));
        assertEquals(null, Change.<String>clear().applyTo("1001"));
        assertEquals("1002", Change.to("1002").applyTo("1001"));
        assertEquals(Change.clear(), Change.to(null), "setting nothing is clearing");
        assertFalse(Change.keep().changes());
        assertTrue(Change.clear().changes());
    }
}
