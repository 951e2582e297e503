package com.cloudphone;

import com.cloudphone.json.Json;
import com.cloudphone.log.Log;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: just before Lambda snapshots an initialised function, run the function's cold paths once (see
 * {@link Prime}) so their classes are loaded and the snapshot starts warm. A no-op on JVMs without CRaC.
 */
final class Priming implements Resource {
    private final Backend backend;
    private final Set<Prime> steps;

    Priming(Backend backend, Set<Prime> steps) {
        this.backend = backend;
        this.steps = steps.isEmpty() ? EnumSet.noneOf(Prime.class) : EnumSet.copyOf(steps);
    }

    /** CRaC holds resources weakly: the returned object must be kept (Backend keeps it in a field). */
    static Priming register(Backend backend, Set<Prime> steps) {
        Priming priming = new Priming(backend, steps);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    /**
     * Never throws: an exception here makes the runtime exit with an init error and the version fail to publish,
     * while a step that failed only leaves its path cold.
     */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (Prime step : steps) {
            try {
                run(step);
            } catch (RuntimeException e) {
                Log.warn("priming step failed", Map.of("step", step.name(), "exception", e.getClass().getName(),
                        "error", String.valueOf(e.getMessage())));
            }
        }
    }

    private void run(Prime step) {
        switch (step) {
            case TABLE_READ -> backend.accountStore.account("priming");
            case JSON -> Json.parse(Json.write(Map.of("priming", true)));
            case PASSWORD_HASH -> backend.hasher.burn("Priming-1");
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: clients re-resolve connections on their own after a restore
    }
}
