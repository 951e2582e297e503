package com.cloudphone.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * moto (Apache-2.0) on a loopback port, served one request at a time by {@code moto_serve.py}: DynamoDB with its
 * streams, EventBridge, SQS and Secrets Manager over the real wire protocol. The Python process stops when this
 * one does (it watches its standard input), so a killed JVM leaves nothing running.
 */
public final class Moto implements AutoCloseable {
    /** The Python to run: {@code $PYTHON}, else {@code python3} on the PATH. */
    private static final String PYTHON = System.getenv().getOrDefault("PYTHON", "python3");

    private final Process process;
    private final URI endpoint;

    private Moto(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts moto in memory ({@code dataDir} null) or journaled to {@code dataDir}, on {@code port} (0: any free). */
    public static Moto start(Path dataDir, int port) {
        List<String> command = new ArrayList<>(List.of(PYTHON, script().toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port)));
        if (dataDir != null) {
            command.addAll(List.of("--data", dataDir.toAbsolutePath().toString()));
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new EngineMissing(PYTHON + " was not found: install Python 3 and moto "
                    + "(`pip install 'moto[server]==5.2.1'`), or set PYTHON to the interpreter that has them");
        }
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String ready;
        try {
            ready = out.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (ready == null || !ready.startsWith("ready ")) {
            String why = firstLine(process.getErrorStream());
            process.destroy();
            throw new EngineMissing(why.isEmpty() ? "moto did not start" : why);
        }
        drain(process.getErrorStream());
        return new Moto(process, URI.create("http://127.0.0.1:" + ready.substring(6).trim()));
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the engine at once, as a crash would (for the tests of what a data folder keeps). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The launcher, copied out of the jar to a temporary file (Python cannot run it from inside the jar). */
    private static Path script() {
        try (InputStream in = Moto.class.getResourceAsStream("moto_serve.py")) {
            Path file = Files.createTempFile("moto_serve", ".py");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(InputStream err) {
        try {
            String all = new String(err.readAllBytes(), StandardCharsets.UTF_8).strip();
            String[] lines = all.split("\n");
            return lines[lines.length - 1].strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Keeps the engine's stderr from filling its pipe; a warning it prints reaches ours. */
    private static void drain(InputStream err) {
        Thread t = new Thread(() -> {
            try {
                err.transferTo(System.err);
            } catch (IOException ignored) {
                // the engine stopped
            }
        }, "moto-stderr");
        t.setDaemon(true);
        t.start();
    }

    /** Python or moto is not installed: the message names the fix. */
    public static final class EngineMissing extends RuntimeException {
        EngineMissing(String message) {
            super(message);
        }
    }
}
