package com.cloudphone.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudphone.error.ApiException;
import com.cloudphone.error.ErrorCode;
import com.cloudphone.model.Plan;
import com.cloudphone.model.UserKind;
import com.cloudphone.testing.TestBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SeatRaceTest {

    @Test
    void twentyAdminsRaceForTheLastSoloSeatAndExactlyOneWins() throws Exception {
        TestBackend t = new TestBackend();
        Caller owner = t.account(Plan.SOLO, true, "solo-owner", "Owner-pass-1");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            Callable<String> add = () -> {
                start.await();
                try {
                    t.backend.users.add(owner, new NewUser(UserKind.INTERNAL, "racer" + n, null, "Racer-pass-" + n,
                            "Racer " + n, String.valueOf(100 + n), null, null, false));
                    return "OK";
                } catch (ApiException e) {
                    return e.code().name();
                }
            };
            outcomes.add(pool.submit(add));
        }
        start.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
            results.add(f.get());
        }
        pool.shutdown();

        assertEquals(1, results.stream().filter("OK"::equals).count(), results.toString());
        assertEquals(19, results.stream().filter(ErrorCode.SEAT_LIMIT_REACHED.name()::equals).count(), results.toString());
        assertEquals(2, t.backend.memberships.members(owner.accountId()).size());
        assertEquals(2, t.backend.accountStore.account(owner.accountId()).orElseThrow().seatsUsed());
    }
}
