package com.cloudphone.local;

import java.util.ArrayList;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route of the HTTP API, as template.yaml declares it: {@code METHOD /path/{param}} to a function.
 * Public routes skip the token check, as they have no authorizer in the template.
 */
record Route(String routeKey, String method, Pattern pattern, List<String> params,
             RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function, boolean isPublic) {

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");

    static Route of(String routeKey, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function,
                    boolean isPublic) {
        String[] parts = routeKey.split(" ", 2);
        Matcher m = PARAM.matcher(parts[1]);
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(parts[1].substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(parts[1].substring(last)));
        return new Route(routeKey, parts[0], Pattern.compile(regex.toString()), List.copyOf(names), function, isPublic);
    }

    /** The raw (still URL-encoded) path parameters when this route matches. */
    Optional<Map<String, String>> match(String method, String path) {
        if (!this.method.equals(method)) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < params.size(); i++) {
            values.put(params.get(i), m.group(i + 1));
        }
        return Optional.of(values);
    }

    /** Whether the path is this route's, whatever the method. */
    boolean matchesPath(String path) {
        return pattern.matcher(path).matches();
    }
}
