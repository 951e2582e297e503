package com.cloudphone.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The HttpApi's CORS (x-amazon-apigateway-cors in docs/openapi.yaml: the same methods, headers and max age; CorsTest
 * compares them), played by the local stack. The allowed origins are the developer's own loopback dev servers
 * ({@code http://localhost:PORT}, {@code http://127.0.0.1:PORT}) and those given with --cors-origin; an origin is
 * named back only when it is one of them, never merely because a request sent it.
 */
final class Cors {
    static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String HEADERS = "authorization, content-type, idempotency-key";
    static final String MAX_AGE = "600";

    private static final Pattern LOOPBACK = Pattern.compile("http://(localhost|127\\.0\\.0\\.1)(:[1-9][0-9]{0,4})?");

    private final Set<String> origins;

    Cors(List<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    boolean allows(String origin) {
        return origin != null && (origins.contains(origin) || LOOPBACK.matcher(origin).matches());
    }

    /**
     * What an answer to a request from {@code origin} (null: none sent) adds. The answer differs by origin, so it
     * says so to caches (Vary) whatever the origin.
     */
    Map<String, String> headers(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("vary", "Origin");
        if (allows(origin)) {
            headers.put("access-control-allow-origin", origin);
        }
        return headers;
    }

    /** What the answer to a preflight (an OPTIONS) from {@code origin} adds. */
    Map<String, String> preflight(String origin) {
        Map<String, String> headers = headers(origin);
        if (allows(origin)) {
            headers.put("access-control-allow-methods", METHODS);
            headers.put("access-control-allow-headers", HEADERS);
            headers.put("access-control-max-age", MAX_AGE);
        }
        return headers;
    }

    /**
     * The value of --cors-origin as browsers send it in Origin: the scheme, the host and a port unless it is the
     * scheme's default, lower case, without a trailing slash.
     */
    static String origin(String value) {
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            if (web && !uri.isOpaque() && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getRawPath().isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getPort() <= 65535) {
                int port = uri.getPort();
                boolean defaultPort = port == -1 || port == (scheme.equals("http") ? 80 : 443);
                return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
            }
        } catch (URISyntaxException bad) {
            // the message below
        }
        throw new IllegalArgumentException("--cors-origin takes an origin such as https://app.example or "
                + "http://192.168.1.20:5173 (scheme, host and port, no path), not '" + value + "'");
    }
}
