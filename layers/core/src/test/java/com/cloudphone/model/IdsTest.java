package com.cloudphone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsHaveTheirPrefixAndTheFormTheyAreCheckedAgainst() {
        String id = Ids.next("u");
        assertTrue(id.matches("u_[0-9a-z]{12}"), id);
        assertTrue(Ids.isId(id));
    }

    @Test
    void aSeededSourceRepeatsItsIdsAndTheDefaultDoesNot() {
        try {
            Ids.drawFrom(new Random(7));
            List<String> first = IntStream.range(0, 5).mapToObj(i -> Ids.next("u")).toList();
            Ids.drawFrom(new Random(7));
            assertEquals(first, IntStream.range(0, 5).mapToObj(i -> Ids.next("u")).toList());
        } finally {
            Ids.drawRandomly();
        }
        assertNotEquals(Ids.next("u"), Ids.next("u"));
    }
}
