package com.cloudphone.local;

import static com.cloudphone.http.Input.Presence.REQUIRED;

import com.cloudphone.Backend;
import com.cloudphone.http.ApiRequest;
import com.cloudphone.http.HttpFunction;
import com.cloudphone.http.Input;
import com.cloudphone.http.Reply;
import com.cloudphone.http.UserRequests;
import com.cloudphone.model.Rules;
import java.util.Map;
import java.util.Set;

/**
 * Local only, not in template.yaml: {@code POST /dev/agency-admins} adds another agency admin to an agency (a
 * member of the agency account and of every sub-account), so that removing one from all accounts can be tried:
 * the HTTP API has no route that makes an agency admin, and the agency's last one cannot be removed.
 */
final class DevAgencyAdminsHandler extends HttpFunction {
    private final Backend backend;

    DevAgencyAdminsHandler(Backend backend) {
        super(null);
        this.backend = backend;
    }

    @Override
    protected Reply handle(ApiRequest request) {
        Input in = request.input(Set.of("agencyAccountId", "username", "password", "displayName"));
        String agencyAccountId = in.id("agencyAccountId", REQUIRED);
        String username = UserRequests.username(in, "username", REQUIRED);
        String password = in.exact("password", REQUIRED);
        if (password != null) {
            in.problems(Rules.passwordProblems("password", password));
        }
        String displayName = in.name("displayName", REQUIRED, 100);
        in.done();
        var admin = backend.accounts.addAgencyAdmin(agencyAccountId, username, password, displayName);
        return Reply.created(Map.of("userId", admin.userId(), "accountId", admin.accountId()));
    }
}
