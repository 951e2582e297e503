package com.cloudphone.handler;

import com.cloudphone.Backend;
import com.cloudphone.Prime;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Idempotency;
import com.cloudphone.http.Reply;
import com.cloudphone.http.UserRequests;
import com.cloudphone.service.UserService;
import java.util.Set;

/** add-user: {@code POST /users}. An admin adds an internal or invited user, taking a seat. */
public class AddUserHandler extends HttpFunction {
    private final UserService users;

    /** An internal user is added with a hashed initial password. */
    public static final Set<Prime> PRIMING = Set.of(Prime.TABLE_READ, Prime.JSON, Prime.PASSWORD_HASH);

    public AddUserHandler() {
        this(Backend.fromEnvironment(PRIMING));
    }

    public AddUserHandler(Backend backend) {
        this(backend.idempotency, backend.users);
    }

    /** What it uses, and nothing else. */
    public AddUserHandler(Idempotency idempotency, UserService users) {
        super(idempotency);
        this.users = users;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        var caller = request.caller();
        return Reply.created(users.add(caller, UserRequests.newUser(request)));
    }
}
