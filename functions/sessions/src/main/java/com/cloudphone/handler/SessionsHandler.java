package com.cloudphone.handler;

import static com.cloudphone.http.Input.Presence.REQUIRED;
import static com.cloudphone.http.Input.Presence.OPTIONAL;

import com.cloudphone.Backend;
import com.cloudphone.Prime;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Idempotency;
import com.cloudphone.http.Input;
import com.cloudphone.http.Reply;
import com.cloudphone.model.Rules;
import com.cloudphone.service.SessionService;
import com.cloudphone.service.Tokens;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Sign-in, invitation acceptance and the public signing key. These routes need no token. */
public class SessionsHandler extends HttpFunction {
    private final SessionService sessions;
    private final Supplier<Tokens> tokens;

    /** Sign-in checks a password, invitation acceptance hashes one. */
    public static final Set<Prime> PRIMING = Set.of(Prime.TABLE_READ, Prime.JSON, Prime.PASSWORD_HASH);

    public SessionsHandler() {
        this(Backend.fromEnvironment(PRIMING));
    }

    public SessionsHandler(Backend backend) {
        this(backend.idempotency, backend.sessions, backend::tokens);
    }

    /** What it uses, and nothing else. */
    public SessionsHandler(Idempotency idempotency, SessionService sessions, Supplier<Tokens> tokens) {
        super(idempotency);
        this.sessions = sessions;
        this.tokens = tokens;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        return switch (request.routeKey()) {
            case "POST /sessions" -> {
                Input in = request.input(Set.of("username", "email", "password", "accountId"));
                String username = in.text("username", OPTIONAL, 254);
                String email = in.text("email", OPTIONAL, 254);
                if ((username == null) == (email == null) && in.ok("username") && in.ok("email")) {
                    in.problem("username", "give exactly one of username or email");
                }
                String password = in.exact("password", REQUIRED);
                String accountId = in.id("accountId", OPTIONAL);
                in.done();
                var issued = sessions.signIn(username != null ? username : email, password, accountId);
                yield Reply.created(Map.of("token", issued.token(), "expiresAt", issued.expiresAt().toString()));
            }
            case "POST /invitations/accept" -> {
                Input in = request.input(Set.of("token", "password"));
                String token = in.text("token", REQUIRED, 200);
                String password = in.exact("password", REQUIRED);
                if (password != null) {
                    in.problems(Rules.passwordProblems("password", password));
                }
                in.done();
                var issued = sessions.acceptInvitation(token, password);
                yield Reply.created(Map.of("token", issued.token(), "expiresAt", issued.expiresAt().toString()));
            }
            case "GET /.well-known/jwks.json" -> Reply.ok(tokens.get().jwks());
            case "GET /.well-known/openid-configuration" -> Reply.ok(tokens.get().discovery());
            default -> throw noRoute(request);
        };
    }
}
