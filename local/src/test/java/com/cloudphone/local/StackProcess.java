package com.cloudphone.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The local stack as a separate process, as {@code local/start} runs it (its last line), with this test's classpath. */
final class StackProcess implements AutoCloseable {
    final Process process;
    final int port;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private StackProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    static ProcessBuilder java(Map<String, String> env, String... args) {
        // SIGINT back to its default first: a JVM started with it ignored (as under a background mvn) keeps
        // ignoring it, and the Ctrl-C test would hang
        List<String> command = new ArrayList<>(List.of("python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalStack.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(LocalStack.projectRoot().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder;
    }

    /** Starts on a free port and waits for the banner. */
    static StackProcess start(String... args) throws Exception {
        return start(freePort(), args);
    }

    static StackProcess start(int port, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--port", Integer.toString(port)));
        all.addAll(List.of(args));
        StackProcess stack = new StackProcess(java(Map.of(), all.toArray(String[]::new)).start(), port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (stack.output.stream().noneMatch(l -> l.contains("Ctrl-C stops the stack"))) {
            if (!stack.process.isAlive() || System.nanoTime() > deadline) {
                stack.process.destroyForcibly();
                throw new AssertionError("the stack did not start:\n" + stack.output());
            }
            Thread.sleep(50);
        }
        return stack;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String output() {
        return String.join("\n", output);
    }

    /** Sends a signal (INT for Ctrl-C, KILL for kill -9) and waits for the process and its children to end. */
    void signal(String name) throws Exception {
        List<ProcessHandle> children = process.descendants().toList();
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the stack did not stop on SIG" + name);
        }
        for (ProcessHandle child : children) {
            child.onExit().get(10, TimeUnit.SECONDS);
        }
        Thread.sleep(100); // the output reader takes the last lines
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
