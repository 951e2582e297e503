package com.cloudphone.testing;

import com.cloudphone.model.Plan;
import com.cloudphone.model.UserKind;
import com.cloudphone.service.Caller;
import com.cloudphone.service.NewUser;
import com.cloudphone.service.UserView;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds accounts and users for service tests in a few words. */
public final class Scenario {
    private static final AtomicInteger NAMES = new AtomicInteger();
    public final TestBackend t;
    public final Caller admin;

    public Scenario(TestBackend t, Plan plan, boolean paid) {
        this.t = t;
        this.admin = t.account(plan, paid, "owner" + NAMES.incrementAndGet(), "Owner-pass-1");
    }

    /** An internal user with this extension; signs in as user{n} / Welcome-2026. */
    public UserView user(String extension) {
        String username = "user" + NAMES.incrementAndGet();
        return t.backend.users.add(admin, new NewUser(UserKind.INTERNAL, username, null, "Welcome-2026",
                "User " + extension, extension, "Europe/London", null, false));
    }

    public String number(String e164) {
        t.backend.numberService.add(admin, e164);
        return e164;
    }

    public Caller as(UserView user) {
        return new Caller(user.userId(), admin.accountId(), user.role());
    }
}
