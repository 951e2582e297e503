package com.cloudphone.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console's static files (console/ at the project's root), served at {@code /} and {@code /<file>}. Only
 * one path segment with a known extension is a console file, and no API route has one, so the API is unchanged;
 * a dot-dot or a slash can never reach the file system.
 */
final class ConsoleFiles {
    /** No inline script or style, nothing from another origin; the API is this same origin. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Pattern FILE = Pattern.compile("/([A-Za-z0-9_-]{1,64}\\.(html|css|js|png|svg))");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "png", "image/png",
            "svg", "image/svg+xml");

    private final Path root;

    ConsoleFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The file a GET of this raw path serves, or null when the path is not the console's (it goes to the API). */
    Path fileFor(String method, String rawPath) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return null;
        }
        String name;
        if (rawPath.equals("/")) {
            name = "index.html";
        } else {
            Matcher m = FILE.matcher(rawPath);
            if (!m.matches()) {
                return null;
            }
            name = m.group(1);
        }
        Path file = root.resolve(name).normalize();
        return file.getParent().equals(root) && Files.isRegularFile(file) ? file : null;
    }

    void send(HttpExchange exchange, Path file) throws IOException {
        String name = file.getFileName().toString();
        byte[] body = Files.readAllBytes(file);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-cache");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
