package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.error.FieldProblem;
import com.cloudphone.model.Refusal;
import com.cloudphone.model.Refused;
import java.lang.reflect.RecordComponent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of store refusal has one meaning for the API (no engine needed). */
class RefusalsTest {

    @Test
    void everyKindOfRefusalHasAMeaning() throws Exception {
        Class<?>[] kinds = Refusal.class.getPermittedSubclasses();
        assertEquals(18, kinds.length, "the sealed family lists its kinds");
        for (Class<?> kind : kinds) {
            RecordComponent[] components = kind.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = sample(types[i]);
            }
            Refusal refusal = (Refusal) kind.getDeclaredConstructor(types).newInstance(values);
            ApiException meaning = Refusals.meaning(refusal);
            assertTrue(meaning.code().status() >= 400 && meaning.code().status() < 500, kind + ": " + meaning.code());
            assertTrue(!meaning.getMessage().isBlank(), kind.getSimpleName());
        }
    }

    @Test
    void aClaimTakenNamesItsField() {
        ApiException meaning = Refusals.meaning(new Refusal.ClaimTaken(Refusal.Claim.EXTENSION, "201"));
        assertEquals(ErrorCode.EXTENSION_TAKEN, meaning.code());
        assertEquals(List.of(new FieldProblem("extension", "Extension 201 is already in use")), meaning.details());
    }

    @Test
    void decideTurnsARefusalIntoItsMeaningAndLetsAnswersThrough() {
        assertEquals("done", Refusals.decide(() -> "done"));
        try {
            Refusals.decide(() -> {
                throw new Refused(new Refusal.SeatLimitReached());
            });
        } catch (ApiException e) {
            assertEquals(ErrorCode.SEAT_LIMIT_REACHED, e.code());
            return;
        }
        throw new AssertionError("a refusal must come out as an ApiException");
    }

    private static Object sample(Class<?> type) {
        if (type == String.class) return "x";
        if (type == int.class) return 1;
        if (type == boolean.class) return true;
        if (type.isEnum()) return type.getEnumConstants()[0];
        throw new IllegalStateException("no sample for " + type);
    }
}
