package com.cloudphone.local;

import com.cloudphone.Backend;
import com.cloudphone.error.FieldProblem;
import com.cloudphone.model.Plan;
import com.cloudphone.model.Rules;
import com.cloudphone.service.AccountService;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Opens an account and its first admin in a deployed stack's table, where no route opens accounts (billing owns
 * that). Runs with the operator's own AWS credentials in the environment and TABLE_NAME, AWS_REGION set; the
 * owner's password is read from standard input, never from the command line. See docs/deploy.md.
 *
 * <pre>OpenAccount NAME FREE|SOLO|TEAM OWNER_USERNAME</pre>
 */
public final class OpenAccount {
    private OpenAccount() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getenv("TABLE_NAME") == null) {
            fail("set TABLE_NAME to the stack's TableName output");
        }
        String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        try {
            var opened = open(Backend.fromEnvironment(), args, password);
            System.out.println("accountId=" + opened.account().accountId() + " ownerUserId=" + opened.owner().userId());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    /** The account, or IllegalArgumentException saying what is wrong with the arguments; nothing written then. */
    static AccountService.Opened open(Backend backend, String[] args, String password) {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: OpenAccount NAME FREE|SOLO|TEAM OWNER_USERNAME  (the owner's password on standard input)");
        }
        Plan plan = Arrays.stream(Plan.values()).filter(p -> p.name().equals(args[1])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the plan is one of " + Arrays.toString(Plan.values())));
        if (!Rules.isUsername(args[2])) {
            throw new IllegalArgumentException("the owner's username must be 3-64 letters, digits, dots, dashes or underscores");
        }
        List<String> problems = password == null ? List.of("no password on standard input")
                : Rules.passwordProblems("password", password).stream().map(FieldProblem::message).toList();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the owner's password: " + String.join("; ", problems));
        }
        return backend.accounts.open(args[0], plan, plan != Plan.FREE, null, args[2], password);
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
