package com.cloudphone.testing;

import com.cloudphone.error.ApiException;
import com.cloudphone.workflow.StepFailed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Two actions started at the same moment, for the race tests; each ends as "OK", its refusal's code or STEP_FAILED. */
public final class Race {
    private Race() {
    }

    public static List<String> of(ExecutorService pool, Callable<String> first, Callable<String> second)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> running = new ArrayList<>();
        for (Callable<String> action : List.of(first, second)) {
            running.add(pool.submit(() -> {
                go.await();
                try {
                    return action.call();
                } catch (ApiException refused) {
                    return refused.code().name();
                } catch (StepFailed failed) {
                    return "STEP_FAILED";
                }
            }));
        }
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : running) {
            outcomes.add(f.get());
        }
        return outcomes;
    }
}
