package com.cloudphone;

import com.cloudphone.http.Json;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: just before Lambda snapshots an initialised function, run the cold paths once (a DynamoDB
 * read, JSON both ways, a bcrypt check) so their classes are loaded and the snapshot starts warm. A no-op on
 * JVMs without CRaC.
 */
final class Priming implements Resource {
    private final Backend backend;

    private Priming(Backend backend) {
        this.backend = backend;
    }

    /** CRaC holds resources weakly: the returned object must be kept (Backend keeps it in a field). */
    static Priming register(Backend backend) {
        Priming priming = new Priming(backend);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        backend.directory.account("priming");
        Json.parse(Json.write(Map.of("priming", true)));
        backend.hasher.burn("Priming-1");
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to renew: clients re-resolve connections on their own after a restore
    }
}
