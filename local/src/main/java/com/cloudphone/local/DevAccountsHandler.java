package com.cloudphone.local;

import static com.cloudphone.http.Input.Presence.REQUIRED;
import static com.cloudphone.http.Input.Presence.OPTIONAL;

import com.cloudphone.Backend;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Input;
import com.cloudphone.http.Reply;
import com.cloudphone.http.UserRequests;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Rules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Local only, not in template.yaml: {@code POST /dev/accounts} opens an account with an admin owner and returns
 * the owner's token, so a newcomer can start. In AWS, accounts come from billing.
 */
final class DevAccountsHandler extends HttpFunction {
    private final Backend backend;

    DevAccountsHandler(Backend backend) {
        super(null);
        this.backend = backend;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        Input in = request.input(Set.of("name", "plan", "paid", "seatLimit", "ownerUsername", "ownerPassword",
                "agency", "parentAccountId"));
        String name = in.text("name", REQUIRED, 100);
        Plan plan = in.choice("plan", Plan.class, REQUIRED);
        Boolean paid = in.bool("paid");
        Integer seatLimit = in.integer("seatLimit", 1, 10_000);
        if (seatLimit != null && plan != Plan.TEAM) {
            in.problem("seatLimit", "only TEAM accounts have a raised seat limit");
        }
        String username = UserRequests.username(in, "ownerUsername", OPTIONAL);
        String password = in.exact("ownerPassword", OPTIONAL);
        if (password != null) {
            in.problems(Rules.passwordProblems("ownerPassword", password));
            if (username == null) {
                in.problem("ownerUsername", "is required with ownerPassword");
            }
        }
        Boolean agency = in.bool("agency");
        String parentAccountId = in.text("parentAccountId", OPTIONAL, 64);
        in.done();
        var opened = backend.accounts.open(name, plan, paid == null ? plan != Plan.FREE : paid, seatLimit, username,
                password, parentAccountId, Boolean.TRUE.equals(agency));
        var issued = backend.tokens().issue(opened.owner().userId(), opened.account().accountId(),
                opened.owner().role().name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", opened.account().accountId());
        body.put("ownerUserId", opened.owner().userId());
        body.put("token", issued.token());
        body.put("expiresAt", issued.expiresAt().toString());
        return Reply.created(body);
    }
}
