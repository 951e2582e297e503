package com.cloudphone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** docs/rules.md rule 16, without an engine: what an email may hold, and the form logins are unique in. */
class RulesTest {

    @Test
    void anEmailHoldsNothingInvisibleOrDirectionChanging() {
        assertNull(Rules.emailProblem("sam.rivera@example.com"));
        assertNull(Rules.emailProblem("josé@example.com"));
        for (String bad : new String[] {"sam\u200B@example.com", "sam\u202E@example.com", "sam\u2066@example.com",
                "sam\u0007@example.com", "sam\u200D@example.com", "sam\uFEFF@example.com"}) {
            assertEquals("must not contain invisible, control or text-direction characters", Rules.emailProblem(bad), bad);
        }
        assertEquals("must be an email address", Rules.emailProblem("not-an-email"));
    }

    @Test
    void lookAlikeFormsShareOneCanonicalForm() {
        assertEquals("sam.rivera@example.com", Rules.canonical("\uFF33\uFF41\uFF4D.Rivera@EXAMPLE.com"));
        assertEquals("strasse", Rules.canonical("STRAßE"));
        assertEquals(Rules.canonical("jordan.lee"), Rules.canonical("Jordan.Lee"));
    }
}
