package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.testing.TestBackend;
import org.junit.jupiter.api.Test;

class OpenAccountTest {
    @Test
    void theFirstAdminCanSignInToTheAccountOpened() {
        TestBackend t = new TestBackend();
        var opened = OpenAccount.open(t.backend, new String[] {"Acme", "TEAM", "acme.admin"}, "First-admin-1");
        var caller = t.backend.tokens().verify(t.backend.sessions.signIn("acme.admin", "First-admin-1", null).token());
        assertEquals(opened.account().accountId(), caller.accountId());
        assertEquals("ADMIN", caller.role());
    }

    @Test
    void badArgumentsWriteNothing() {
        TestBackend t = new TestBackend();
        var before = t.snapshot();
        String weak = assertThrows(IllegalArgumentException.class,
                () -> OpenAccount.open(t.backend, new String[] {"Acme", "TEAM", "acme.admin"}, "short")).getMessage();
        assertTrue(weak.startsWith("the owner's password"), weak);
        assertThrows(IllegalArgumentException.class,
                () -> OpenAccount.open(t.backend, new String[] {"Acme", "GOLD", "acme.admin"}, "First-admin-1"));
        assertThrows(IllegalArgumentException.class,
                () -> OpenAccount.open(t.backend, new String[] {"Acme", "TEAM", "a b"}, "First-admin-1"));
        assertThrows(IllegalArgumentException.class,
                () -> OpenAccount.open(t.backend, new String[] {"Acme", "TEAM"}, "First-admin-1"));
        assertEquals(before, t.snapshot());
    }
}
