package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml under Redocly CLI's recommended rules (local/openapi-lint pins the version in its lock file):
 * no error and no warning.
 */
class OpenApiLintTest {
    @Test
    void theContractLintsClean() throws Exception {
        Path folder = NodeModules.ensureInstalled(LocalStack.projectRoot().resolve("local/openapi-lint"),
                List.of("@redocly/cli"));
        ProcessBuilder lint = new ProcessBuilder(folder.resolve("node_modules/.bin/redocly").toString(), "lint",
                "--extends=recommended", "--format=stylish", "../../docs/openapi.yaml")
                .directory(folder.toFile()).redirectErrorStream(true);
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process process = lint.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "redocly lint did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("Your API description is valid"), output);
        // the summary counts problems ("... 2 warnings"); Node's own deprecation banner is not one
        assertFalse(Pattern.compile("\\d+ (errors?|warnings?)\\b").matcher(output).find(), output);
    }
}
