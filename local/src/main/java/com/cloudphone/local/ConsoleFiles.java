package com.cloudphone.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console's static files (console/ at the project's root), served at {@code /}, {@code /<file>} and
 * {@code /screens/<file>} (the screens' modules). Only a file name with a known extension, alone or after
 * {@code screens/}, is a console file, and no API route has one, so the API is unchanged; a dot-dot or any other
 * folder can never reach the file system.
 */
final class ConsoleFiles {
    /**
     * The console's Content-Security-Policy, with {@code connectSrc} as the one place it may connect to (the API):
     * no inline script or style, nothing from another origin. CloudFront sends the same policy in AWS, with the
     * API's origin there (template-console.yaml's response headers policy; TemplateConsoleTest compares them).
     */
    static String csp(String connectSrc) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src " + connectSrc + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** Locally the API is this same origin. */
    static final String CSP = csp("'self'");

    /** The other security headers, which CloudFront's response headers policy sends too (plus HSTS there). */
    static final Map<String, String> HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    /**
     * config.js, the module that tells the console where the API is and whether it has the dev routes (the sign-in
     * page's test account): bin/deploy-console writes it in AWS with the API's URL and false; the local stack
     * serves it with "" (paths relative to the console's own origin, which is the API's) and true.
     */
    static String config(String apiBase, boolean devRoutes) {
        return "// Where the console finds the API: written where the console is served, never kept in console/.\n"
                + "export const apiBase = \"" + apiBase + "\";\n"
                + "export const devRoutes = " + devRoutes + ";\n";
    }

    /** The path of the made-up config module; never a file of console/ (the test checks there is none). */
    static final String CONFIG = "/config.js";

    /** The one subfolder of console/ that is served (bin/deploy-console uploads the same files). */
    static final String SCREENS = "screens";

    private static final Pattern FILE =
            Pattern.compile("/((?:" + SCREENS + "/)?[A-Za-z0-9_-]{1,64}\\.(html|css|js|png|svg))");
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

    /** Whether a request is a GET or HEAD of config.js. */
    static boolean isConfig(String method, String rawPath) {
        return (method.equals("GET") || method.equals("HEAD")) && rawPath.equals(CONFIG);
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
        Path folder = file.getParent();
        boolean inside = folder.equals(root) || folder.equals(root.resolve(SCREENS));
        return inside && Files.isRegularFile(file) ? file : null;
    }

    void send(HttpExchange exchange, Path file) throws IOException {
        String name = file.getFileName().toString();
        send(exchange, name, Files.readAllBytes(file));
    }

    /** config.js, with the API on this same origin, dev routes included. */
    void sendConfig(HttpExchange exchange) throws IOException {
        send(exchange, CONFIG.substring(1), config("", true).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, String name, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        headers.set("Content-Security-Policy", CSP);
        HEADERS.forEach(headers::set);
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
