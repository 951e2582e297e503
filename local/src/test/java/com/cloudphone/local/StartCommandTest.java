package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code local/start} and the Java entry point it ends in, run as processes the way a newcomer meets them: help at
 * once, one line and exit 2 for a bad option, one line and exit 1 for a busy port or a missing engine, a clean
 * message on Ctrl-C, and a start-up that prints only the banner.
 */
class StartCommandTest {
    private static final Path ROOT = LocalStack.projectRoot();

    record Run(int exit, String output, long millis) {
        List<String> lines() {
            return output.lines().toList();
        }
    }

    private static Run run(ProcessBuilder builder) throws Exception {
        long start = System.nanoTime();
        Process p = builder.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not finish: " + out);
        return new Run(p.exitValue(), out, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static Run script(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("local/start").toString()));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command).directory(ROOT.toFile()));
    }

    private static void oneLine(Run run, int exit, String... words) {
        assertEquals(exit, run.exit(), run.output());
        assertEquals(1, run.lines().size(), "one line: " + run.output());
        for (String word : words) {
            assertTrue(run.output().contains(word), word + " in: " + run.output());
        }
        assertFalse(run.output().contains("Exception"), run.output());
    }

    @Test
    void helpAnswersAtOnceAndListsEveryOption() throws Exception {
        Run help = script("--help");
        assertEquals(0, help.exit(), help.output());
        assertTrue(help.millis() < 2000, "took " + help.millis() + " ms");
        for (String option : List.of("--port", "--data", "--dynamodb-endpoint", "--cors-origin", "--help")) {
            assertTrue(help.output().contains(option), option + " missing from:\n" + help.output());
        }
        assertEquals(help.output(), run(StackProcess.java(Map.of(), "-h")).output(), "the script and Java print the same help");
    }

    @Test
    void aBadOptionOrValueIsOneLineAndExitTwo() throws Exception {
        oneLine(script("--bogus"), 2, "unknown option --bogus", "--help");
        oneLine(script("--port", "seventy"), 2, "--port", "seventy");
        oneLine(script("--port"), 2, "--port needs a value");
        oneLine(script("--dynamodb-endpoint", "localhost:8000"), 2, "--dynamodb-endpoint", "http");
        oneLine(script("--cors-origin", "*"), 2, "--cors-origin takes an origin", "'*'");
        oneLine(script("--cors-origin=https://app.example/console"), 2, "--cors-origin takes an origin", "/console");
        oneLine(script("--cors-origin"), 2, "--cors-origin needs a value");
        oneLine(run(StackProcess.java(Map.of(), "--bogus")), 2, "unknown option --bogus");
        oneLine(run(StackProcess.java(Map.of(), "--port", "0x50")), 2, "--port", "0x50");
        oneLine(run(StackProcess.java(Map.of(), "--dynamodb-endpoint", "ftp://x")), 2, "--dynamodb-endpoint");
        oneLine(run(StackProcess.java(Map.of(), "--cors-origin", "*")), 2, "--cors-origin takes an origin", "'*'");
    }

    @Test
    void aPortInUseIsOneLineNamingItAndExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());
            oneLine(script("--port", port), 1, "port " + port + " is in use");
            Run java = run(StackProcess.java(Map.of(), "--port", port));
            oneLine(java, 1, "port " + port + " is in use");
            assertTrue(java.millis() < 15000, "took " + java.millis() + " ms");
        }
    }

    @Test
    void aMissingPythonOrMotoIsOneLineNamingTheFix() throws Exception {
        String port = Integer.toString(StackProcess.freePort());
        oneLine(run(StackProcess.java(Map.of("PYTHON", "/nonexistent/python3"), "--port", port)), 1,
                "/nonexistent/python3 was not found", "moto");
        Path noMoto = Files.createTempFile("python-without-moto", ".sh");
        Files.writeString(noMoto, "#!/bin/sh\nexec python3 -S \"$@\"\n"); // no site-packages: no moto
        noMoto.toFile().setExecutable(true);
        oneLine(run(StackProcess.java(Map.of("PYTHON", noMoto.toString()), "--port", port)), 1,
                "moto is missing", "pip install");
    }

    @Test
    void startUpPrintsTheBannerOnlyAndCtrlCSaysItStopped() throws Exception {
        try (StackProcess stack = StackProcess.start()) {
            String banner = stack.output();
            assertTrue(banner.startsWith("Cloud phone user management, local stack"), banner);
            assertEquals(6, banner.lines().count(), "only the banner at start-up:\n" + banner);
            stack.signal("INT");
            String all = stack.output();
            assertTrue(all.strip().endsWith("local stack stopped (in-memory data discarded)"), all);
            assertFalse(all.contains("WARN") || all.contains("ERROR") || all.contains("SLF4J"), all);
        }
    }

    @Test
    void aKilledStackKeepsWhatItAcknowledged() throws Exception {
        Path dir = Files.createTempDirectory("cloudphone-kill");
        String token;
        int users = 8;
        int port;
        try (StackProcess first = StackProcess.start("--data", dir.toString())) {
            port = first.port;
            Http http = new Http(first.url());
            token = http.openAccount("Kill Co", "TEAM", "kill-owner").text("token");
            for (int i = 0; i < users; i++) {
                assertEquals(201, http.post("/users", token, "{\"kind\":\"INTERNAL\",\"username\":\"kill-" + i
                        + "\",\"password\":\"Welcome-2026\",\"displayName\":\"K\"}").status());
            }
            first.signal("KILL"); // the JVM dies at once; moto, its child, ends when its standard input closes
        }
        try (StackProcess second = StackProcess.start(port, "--data", dir.toString())) {
            Http http = new Http(second.url());
            Http.Answer listed = http.get("/users", token);
            assertEquals(200, listed.status(), listed.raw());
            assertEquals(users + 1, listed.body().path("items").size(), listed.raw());
            Http.Answer added = http.get("/dev/events?type=UserAdded", null);
            assertEquals(users, added.body().path("events").size(), added.raw());
        }
    }
}
