package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.NumberState;
import com.cloudphone.model.PhoneNumber;
import com.cloudphone.model.Plan;
import com.cloudphone.testing.Scenario;
import com.cloudphone.testing.TestBackend;
import org.junit.jupiter.api.Test;

class NumberReleaseTest {
    private final TestBackend t = new TestBackend();
    private final Scenario s = new Scenario(t, Plan.TEAM, true);

    @Test
    void aReleaseThatLosesARaceMovesNoContacts() {
        var user = s.user("1002");
        String number = s.number("+14155550800");
        String heir = s.number("+14155550801");
        t.backend.numberService.addContact(s.admin, number, "Lead", "+14155550999");
        PhoneNumber seen = t.backend.numbers.get(s.admin.accountId(), number).orElseThrow();
        // someone assigns the number between the read and the release
        t.backend.numberService.assign(s.admin, number, user.userId());
        PhoneNumber released = new PhoneNumber(s.admin.accountId(), number, NumberState.RELEASED, null, null, "now");

        assertEquals(ErrorCode.CONFLICT, assertThrows(ApiException.class,
                () -> Refusals.decide(() -> t.backend.numbers.release(seen, released, heir, null,
                        new com.cloudphone.model.DomainEvent("NumberReleased", seen.accountId(), "2026-11-24T09:00:00Z", java.util.Map.of())))).code());
        assertEquals(1, t.backend.numbers.contacts(s.admin.accountId(), number).size());
        assertEquals(0, t.backend.numbers.contacts(s.admin.accountId(), heir).size());
        assertEquals(NumberState.ASSIGNED, t.backend.numbers.get(s.admin.accountId(), number).orElseThrow().state());
    }

    @Test
    void releasingAgainOnlyMovesWhatWasLeftBehind() {
        String number = s.number("+14155550810");
        String heir = s.number("+14155550811");
        t.backend.numberService.addContact(s.admin, number, "First", "+14155550998");
        t.backend.numberService.release(s.admin, number, heir);
        assertEquals(1, t.backend.numbers.contacts(s.admin.accountId(), heir).size());
        assertEquals(ErrorCode.INVALID_STATE, assertThrows(ApiException.class,
                () -> t.backend.numberService.assign(s.admin, number, s.admin.userId())).code());
        assertEquals(NumberState.RELEASED, t.backend.numberService.release(s.admin, number, heir).state());
        assertEquals(1, t.backend.numbers.contacts(s.admin.accountId(), heir).size());
    }
}
