package com.cloudphone.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The command line of {@code local/start}; {@code usage.txt} beside this class is its --help. */
final class StartOptions {
    /** --help was asked for. */
    static final class Help extends Exception {
        Help() {
            super(null, null, false, false);
        }
    }

    private StartOptions() {
    }

    static LocalStack.Options parse(String[] args, LocalStack.Options options) throws Help {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help", "-h" -> throw new Help();
                case "--port" -> options = options.withPort(port(value != null ? value : next(args, ++i, arg)));
                case "--data" -> options = options.withData(data(value != null ? value : next(args, ++i, arg)));
                case "--dynamodb-endpoint" ->
                        options = options.withDynamoDbEndpoint(endpoint(value != null ? value : next(args, ++i, arg)));
                case "--cors-origin" ->
                        options = options.withCorsOrigin(Cors.origin(value != null ? value : next(args, ++i, arg)));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return options;
    }

    static String usage() {
        try (InputStream in = StartOptions.class.getResourceAsStream("usage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // the message below
        }
        throw new IllegalArgumentException("--port takes a number from 1 to 65535, not '" + value + "'");
    }

    private static Path data(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("--data takes a folder");
        }
        return Path.of(value);
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException bad) {
            // the message below
        }
        throw new IllegalArgumentException("--dynamodb-endpoint takes an http(s) URL such as http://127.0.0.1:8000, not '"
                + value + "'");
    }
}
