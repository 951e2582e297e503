package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The web console in a real browser: local/console-e2e/offboarding.mjs drives Debian's Chromium (playwright-core,
 * never a downloaded browser) through the seed-003 offboarding against this stack, photographs every screen into
 * local/target/console-screens and runs axe-core on each; agency.mjs does the same for the agency and the login's
 * own screens, each script against a stack of its own. It fails on a serious or critical accessibility
 * violation, a console error, a failed request or an unexpected HTTP error. Skipped only when Chromium or Node.js
 * is not installed (.ci/run installs Chromium).
 */
class ConsoleBrowserTest {
    private static final Path HARNESS = LocalStack.projectRoot().resolve("local/console-e2e");

    @Test
    void anAdminOffboardsAUserInTheConsole() throws Exception {
        runInChromium("offboarding.mjs", "console-screens");
    }

    /**
     * local/console-e2e/agency.mjs: the account picker, switching accounts from the header, the Agency screen
     * (roles across sub-accounts, an agency admin removed from every account as a job), My account (email and
     * password) and an invitation accepted; its screens go to local/target/console-agency-screens.
     */
    @Test
    void anAgencyAdminAndTheLoginsOwnScreensInTheConsole() throws Exception {
        runInChromium("agency.mjs", "console-agency-screens");
    }

    /**
     * local/console-e2e/lists.mjs: an account with more users than a page holds: the search finds a user not loaded
     * yet, and a user added while the answer is lost is retried with the same key, made once and listed once; its
     * screens go to local/target/console-lists-screens.
     */
    @Test
    void aCrowdedAccountsListsAndALostAnswerInTheConsole() throws Exception {
        runInChromium("lists.mjs", "console-lists-screens");
    }

    private static void runInChromium(String script, String shotsFolder) throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        Assumptions.assumeTrue(Files.isExecutable(chromium),
                "Chromium is not installed at " + chromium + " (apt-get install chromium, or set CHROMIUM)");
        Assumptions.assumeTrue(runs("node", "--version"), "Node.js is not installed (node was not found)");
        installHarness();
        Path shots = LocalStack.projectRoot().resolve("local/target").resolve(shotsFolder);
        // the stack's clock is the real time, held still: tokens are valid in the browser's time too
        try (LocalStack stack = LocalStack.start(LocalStack.Options.forTests(new LocalClock(Instant.now())))) {
            ProcessBuilder node = new ProcessBuilder("node", script).directory(HARNESS.toFile())
                    .redirectErrorStream(true);
            node.environment().put("CONSOLE_URL", stack.url().toString());
            node.environment().put("SHOTS", shots.toString());
            node.environment().put("CHROMIUM", chromium.toString());
            Process run = node.start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!run.waitFor(5, TimeUnit.MINUTES)) {
                run.destroyForcibly();
                throw new AssertionError("the browser run of " + script + " did not finish in 5 minutes:\n" + output);
            }
            System.out.println(output);
            assertEquals(0, run.exitValue(), output);
        }
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** npm ci from the lock file the first time; a failing install fails the test, it does not skip it. */
    private static void installHarness() throws Exception {
        if (Files.isDirectory(HARNESS.resolve("node_modules/playwright-core"))
                && Files.isDirectory(HARNESS.resolve("node_modules/@axe-core/playwright"))) {
            return;
        }
        Process npm;
        try {
            npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund")).directory(HARNESS.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            Assumptions.abort("npm is not installed (it comes with Node.js)");
            return;
        }
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new AssertionError("npm ci in " + HARNESS + " failed:\n" + output);
        }
    }
}
