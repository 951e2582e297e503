package com.cloudphone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
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
    void idsInTimeOrderSortAsTheirInstantsDo() {
        Instant t = Instant.parse("2026-11-24T09:00:00Z");
        List<Instant> times = List.of(Instant.EPOCH, t, t.plusMillis(1), t.plusMillis(33), t.plusSeconds(1),
                t.plus(Duration.ofDays(1)), Instant.parse("2100-01-01T00:00:00Z"), Instant.parse("2999-12-31T23:59:59.999Z"));
        List<String> ids = times.stream().map(at -> Ids.inTimeOrder("job", at)).toList();
        assertEquals(ids, ids.stream().sorted().toList(), "text order is time order: " + ids);
        ids.forEach(id -> assertTrue(Ids.isId(id) && id.matches("job_[0-9a-z]{18}"), id));
        assertNotEquals(Ids.inTimeOrder("job", t), Ids.inTimeOrder("job", t), "two ids of the same instant differ");
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
