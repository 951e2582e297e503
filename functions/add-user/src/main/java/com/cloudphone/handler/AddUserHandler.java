package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.Prime;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Reply;
import com.cloudphone.http.UserRequests;
import java.util.Set;

/** add-user: {@code POST /users}. An admin adds an internal or invited user, taking a seat. */
public class AddUserHandler extends HttpFunction {
    private final Backend backend;

    /** An internal user is added with a hashed initial password. */
    public static final Set<Prime> PRIMING = Set.of(Prime.TABLE_READ, Prime.JSON, Prime.PASSWORD_HASH);

    public AddUserHandler() {
        this(Backend.fromEnvironment(PRIMING));
    }

    public AddUserHandler(Backend backend) {
        super(backend.idempotency);
        this.backend = backend;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        return Reply.created(backend.users.add(caller, UserRequests.newUser(request)));
    }
}
