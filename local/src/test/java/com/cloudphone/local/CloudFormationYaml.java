package com.cloudphone.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A CloudFormation YAML template as a JSON tree, each short tag in its long form: {@code !Ref X} is {"Ref": "X"}. */
final class CloudFormationYaml {
    private CloudFormationYaml() {
    }

    static JsonNode read(Path file) throws IOException {
        Object document = new Yaml(new ShortTags()).load(Files.readString(file));
        return new ObjectMapper().valueToTree(document);
    }

    private static final class ShortTags extends SafeConstructor {
        ShortTags() {
            super(new LoaderOptions());
            yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String name = node.getTag().getValue().substring(1);
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    return Map.of(name.equals("Ref") ? "Ref" : "Fn::" + name, value);
                }
            });
        }
    }
}
