package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/deploy-console against a stand-in for the AWS CLI (a script first on PATH that logs its arguments, answers
 * the stacks' outputs and parameters from files, and keeps what is uploaded): what is read, what is checked before
 * anything is written, the objects with their types and caching, config.js, the stale object, the invalidation.
 */
class DeployConsoleScriptTest {
    private static final Path ROOT = LocalStack.projectRoot();
    private static final String FAKE_AWS = """
            #!/usr/bin/env bash
            # a stand-in for the AWS CLI: logs each call, answers from $FAKE/answers, keeps uploads in $FAKE/uploads
            set -euo pipefail
            printf '%s\\n' "$*" >> "$FAKE/calls"
            args=("$@")
            arg() { local i; for ((i = 0; i < ${#args[@]}; i++)); do
              if [[ ${args[i]} == "$1" ]]; then printf '%s' "${args[i + 1]}"; return; fi; done; }
            case "$1 $2" in
              "cloudformation describe-stacks")
                key=$(arg --query | sed -E "s/.*Key=='([A-Za-z]+)'.*/\\1/")
                file="$FAKE/answers/$(arg --stack-name).$key"
                if [[ -f $file ]]; then cat "$file"; else echo None; fi ;;
              "s3 cp")
                key=${4#s3://*/}
                mkdir -p "$(dirname "$FAKE/uploads/$key")"
                cp "$3" "$FAKE/uploads/$key"
                printf '%s\\t%s\\n' "$(arg --content-type)" "$(arg --cache-control)" > "$FAKE/uploads/$key.meta" ;;
              "s3api list-objects-v2") printf 'app.js\\tscreens/users.js\\told-screen.js\\tindex.html\\n' ;;
              "cloudfront create-invalidation") echo I2J0I21PCUYOIK ;;
            esac
            """;

    @TempDir
    Path fake;

    @BeforeEach
    void standIn() throws IOException {
        Files.createDirectories(fake.resolve("answers"));
        Files.createDirectories(fake.resolve("uploads"));
        Path aws = fake.resolve("bin/aws");
        Files.createDirectories(aws.getParent());
        Files.writeString(aws, FAKE_AWS);
        assertTrue(aws.toFile().setExecutable(true));
        answer("cloudphone-users", Map.of("ApiUrl", "https://api.example.com",
                "ConsoleOrigin", "https://d111111abcdef8.cloudfront.net"));
        answer("cloudphone-users-console", Map.of("ApiOrigin", "https://api.example.com",
                "ConsoleOrigin", "https://d111111abcdef8.cloudfront.net", "BucketName", "console-bucket-abc",
                "DistributionId", "E2QWRUHAPOMQZL"));
    }

    private void answer(String stack, Map<String, String> values) throws IOException {
        for (var e : values.entrySet()) {
            Files.writeString(fake.resolve("answers/" + stack + "." + e.getKey()), e.getValue() + "\n");
        }
    }

    record Run(int exit, String output, List<String> calls) { }

    private Run run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("bin/deploy-console").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", fake.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE", fake.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "bin/deploy-console did not finish");
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Path calls = fake.resolve("calls");
        return new Run(p.exitValue(), output, Files.exists(calls) ? Files.readAllLines(calls) : List.of());
    }

    private static List<String> writes(Run run) {
        return run.calls().stream().filter(c -> !c.startsWith("cloudformation describe-stacks")
                && !c.startsWith("s3api list-objects-v2")).collect(Collectors.toList());
    }

    /**
     * The files the local stack serves from console/ and console/screens/ (ConsoleFiles' rule), which are the ones
     * uploaded, by their key (screens/users.js).
     */
    private static TreeSet<String> consoleFiles() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (String folder : List.of("", "screens/")) {
            try (Stream<Path> files = Files.list(ROOT.resolve("console/" + folder))) {
                files.map(f -> folder + f.getFileName())
                        .filter(n -> n.matches("(screens/)?[A-Za-z0-9_-]{1,64}\\.(html|css|js|png|svg)"))
                        .forEach(names::add);
            }
        }
        return names;
    }

    @Test
    void uploadsTheConsoleWithItsTypesAndCachingThenConfigThenIndexThenInvalidates() throws Exception {
        Run run = run();
        assertEquals(0, run.exit(), run.output());
        TreeSet<String> expected = consoleFiles();
        assertTrue(expected.contains("screens/users.js"), "the screens' modules are among the files: " + expected);
        expected.add("config.js");
        TreeSet<String> uploaded = new TreeSet<>();
        for (String call : run.calls()) {
            if (call.startsWith("s3 cp ")) {
                String[] words = call.split(" ");
                String name = words[3].replaceFirst("^s3://[^/]+/", "");
                assertEquals("s3://console-bucket-abc/" + name, words[3]);
                uploaded.add(name);
            }
        }
        assertEquals(expected, uploaded);
        for (String name : uploaded) {
            String[] meta = Files.readString(fake.resolve("uploads/" + name + ".meta")).trim().split("\t");
            String extension = name.substring(name.lastIndexOf('.') + 1);
            String type = Map.of("html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
                    "js", "text/javascript; charset=utf-8", "png", "image/png", "svg", "image/svg+xml").get(extension);
            assertEquals(type, meta[0], name);
            boolean shortLived = name.equals("index.html") || name.equals("config.js");
            assertEquals(shortLived ? "no-cache" : "max-age=0, must-revalidate, s-maxage=86400", meta[1], name);
            if (!name.equals("config.js")) {
                assertEquals(Files.readString(ROOT.resolve("console/" + name)),
                        Files.readString(fake.resolve("uploads/" + name)), name + " as it is in console/");
            }
        }
        assertEquals(ConsoleFiles.config("https://api.example.com", false), Files.readString(fake.resolve("uploads/config.js")));

        List<String> writes = writes(run);
        int config = indexOf(writes, "s3 cp .*/config\\.js s3://console-bucket-abc/config\\.js .*");
        int index = indexOf(writes, "s3 cp .*/index\\.html s3://console-bucket-abc/index\\.html .*");
        int stale = indexOf(writes, "s3 rm s3://console-bucket-abc/old-screen\\.js.*");
        int invalidation = indexOf(writes, "cloudfront create-invalidation --distribution-id E2QWRUHAPOMQZL"
                + " --paths /\\* .*");
        assertEquals(writes.size() - 4, config, "modules first, so a new index.html finds them: " + writes);
        assertTrue(config < index && index < stale && stale < invalidation, writes.toString());
        assertEquals(1, writes.stream().filter(c -> c.startsWith("s3 rm")).count(), "only the stale object: " + writes);
        assertTrue(run.output().contains("https://d111111abcdef8.cloudfront.net/"), run.output());
    }

    private static int indexOf(List<String> calls, String regex) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).matches(regex)) {
                return i;
            }
        }
        throw new AssertionError("no call like " + regex + " in " + calls);
    }

    @Test
    void aDryRunReadsTheStacksAndChangesNothing() throws Exception {
        Run run = run("--dry-run", "--region", "eu-west-1");
        assertEquals(0, run.exit(), run.output());
        assertEquals(List.of(), writes(run), "a dry run writes nothing");
        assertFalse(run.calls().isEmpty());
        for (String call : run.calls()) {
            assertTrue(call.contains("--region eu-west-1"), call);
        }
        assertTrue(run.output().contains("aws s3 cp"), run.output());
        assertTrue(run.output().contains("aws cloudfront create-invalidation"), run.output());
        assertTrue(run.output().contains("export const apiBase = \"https://api.example.com\";"), run.output());
    }

    @Test
    void otherStackNamesAreTaken() throws Exception {
        answer("users-staging", Map.of("ApiUrl", "https://api.staging.example.com",
                "ConsoleOrigin", "https://console.staging.example.com"));
        answer("console-staging", Map.of("ApiOrigin", "https://api.staging.example.com",
                "ConsoleOrigin", "https://console.staging.example.com", "BucketName", "staging-bucket",
                "DistributionId", "E3STAGING"));
        Run run = run("--api-stack", "users-staging", "--console-stack", "console-staging");
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.calls().stream().anyMatch(c -> c.startsWith("s3 cp ") && c.contains("s3://staging-bucket/")));
        assertEquals(ConsoleFiles.config("https://api.staging.example.com", false),
                Files.readString(fake.resolve("uploads/config.js")));
    }

    @Test
    void anApiTheConsolesPolicyWouldBlockStopsItBeforeAnyWrite() throws Exception {
        answer("cloudphone-users-console", Map.of("ApiOrigin", "https://old-api.example.com"));
        Run run = run();
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("ApiOrigin=https://api.example.com"), run.output());
        assertEquals(List.of(), writes(run));
    }

    @Test
    void anApiWhoseCorsRefusesTheConsoleStopsItBeforeAnyWrite() throws Exception {
        answer("cloudphone-users", Map.of("ConsoleOrigin", "https://REPLACE-console.example.com"));
        Run run = run();
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("ConsoleOrigin=https://d111111abcdef8.cloudfront.net"), run.output());
        assertEquals(List.of(), writes(run));
    }

    @Test
    void aMissingStackOrOutputIsNamed() throws Exception {
        Run run = run("--api-stack", "no-such-stack");
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("no-such-stack") && run.output().contains("ApiUrl"), run.output());
        assertEquals(List.of(), writes(run));
    }

    @Test
    void badArgumentsShowTheUsage() throws Exception {
        Run help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.output().contains("Usage: bin/deploy-console"), help.output());
        assertEquals(List.of(), help.calls());
        for (String[] bad : List.of(new String[] {"--nope"}, new String[] {"--api-stack"}, new String[] {"extra"})) {
            Run run = run(bad);
            assertEquals(2, run.exit(), String.join(" ", bad) + ": " + run.output());
            assertTrue(run.output().contains("Usage: bin/deploy-console"), run.output());
            assertEquals(List.of(), run.calls(), "nothing asked of AWS");
        }
    }
}
