package com.cloudphone.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The npm packages of local/sfn-crosscheck (an independent ASL interpreter and validator), installed with
 * {@code npm ci} from its lock file the first time a test needs them. Only a machine without Node skips the
 * tests that use them; a failing install fails them.
 */
public final class NodeModules {
    public static final Path HARNESS = LocalStack.projectRoot().resolve("local/sfn-crosscheck");

    private NodeModules() {
    }

    /** The harness folder, with node_modules in place. */
    public static Path ensureInstalled() throws Exception {
        return ensureInstalled(HARNESS, List.of("aws-local-stepfunctions", "asl-validator"));
    }

    /** {@code folder} with its lock file's packages installed by {@code npm ci} unless {@code packages} are there. */
    public static synchronized Path ensureInstalled(Path folder, List<String> packages) throws Exception {
        if (packages.stream().allMatch(p -> Files.isDirectory(folder.resolve("node_modules").resolve(p)))) {
            return folder;
        }
        Process npm;
        try {
            npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
                    .directory(folder.toFile()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            Assumptions.abort("Node.js and npm are not installed (a prerequisite of " + folder.getFileName() + ")");
            return folder;
        }
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new AssertionError("npm ci in " + folder + " failed:\n" + output);
        }
        return folder;
    }
}
