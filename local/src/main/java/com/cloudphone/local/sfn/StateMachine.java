package com.cloudphone.local.sfn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Amazon States Language definition. {@code ${Name}} placeholders are replaced from the substitutions
 * first, as template.yaml's DefinitionSubstitutions do; one without a substitution is refused.
 */
public final class StateMachine {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private final String name;
    private final State.Branch definition;
    private final Set<String> resources;

    private StateMachine(String name, State.Branch definition, Set<String> resources) {
        this.name = name;
        this.definition = definition;
        this.resources = resources;
    }

    public static StateMachine parse(String asl, Map<String, String> substitutions) {
        return parse("StateMachine", asl, substitutions);
    }

    public static StateMachine parse(String name, String asl, Map<String, String> substitutions) {
        JsonNode root;
        try {
            root = Trees.MAPPER.readTree(substitute(asl, substitutions));
        } catch (JsonProcessingException e) {
            throw new InvalidDefinition("the definition is not JSON: " + e.getOriginalMessage());
        }
        DefinitionParser parser = new DefinitionParser();
        State.Branch definition = parser.machine(root);
        return new StateMachine(name, definition, Set.copyOf(parser.resources()));
    }

    /** Reads an ASL file; the machine is named after the file, less its extensions. */
    public static StateMachine load(Path file, Map<String, String> substitutions) throws IOException {
        String fileName = file.getFileName().toString();
        int dot = fileName.indexOf('.');
        return parse(dot > 0 ? fileName.substring(0, dot) : fileName, Files.readString(file), substitutions);
    }

    static String substitute(String asl, Map<String, String> substitutions) {
        Matcher m = PLACEHOLDER.matcher(asl);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = substitutions.get(m.group(1));
            if (value == null) {
                throw new InvalidDefinition("no substitution for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    public String name() {
        return name;
    }

    /** The Resource of every Task state, after substitution. */
    public Set<String> resources() {
        return resources;
    }

    State.Branch definition() {
        return definition;
    }
}
