package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The local stack must serve exactly the routes template.yaml gives API Gateway (plus the local-only ones). */
class TemplateRoutesTest {
    private static final Pattern ROUTE = Pattern.compile("Method: (\\w+), Path: (?:\"([^\"]+)\"|([^\\s,}]+))");
    private static final Set<String> LOCAL_ONLY = Set.of("POST /dev/accounts");

    @Test
    void localRoutesMatchTheTemplate() throws Exception {
        Path template = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "template.yaml");
        if (!Files.exists(template)) {
            template = Path.of("..", "template.yaml");
        }
        Set<String> declared = new TreeSet<>();
        Matcher m = ROUTE.matcher(Files.readString(template));
        while (m.find()) {
            declared.add(m.group(1) + " " + (m.group(2) != null ? m.group(2) : m.group(3)));
        }
        Set<String> served = LocalStack.routes(null).stream().map(Route::routeKey)
                .filter(r -> !LOCAL_ONLY.contains(r)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, served);
    }
}
