package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The files AWS deploys, checked offline with the real tools where the machine has them: cfn-lint (with the SAM
 * translator) on template.yaml and template-console.yaml, asl-validator on the state machine, shellcheck on
 * bin/deploy-console. Skipped, never failed, where a tool is absent.
 */
class DeploymentFilesTest {
    private static final Path ROOT = LocalStack.projectRoot();

    private static String run(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            Assumptions.abort(command.get(0) + " is not installed here");
            return "";
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 120 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + " reported:\n" + output);
        return output;
    }

    @Test
    void templateIsValidSam() throws Exception {
        run(List.of("cfn-lint", "template.yaml"));
    }

    @Test
    void consoleTemplateIsValidCloudFormation() throws Exception {
        run(List.of("cfn-lint", "template-console.yaml"));
    }

    @Test
    void consoleDeployScriptIsShellcheckClean() throws Exception {
        run(List.of("shellcheck", "bin/deploy-console"));
    }

    /** What CloudFormation lints after AWS::Include: the contract in place of the include, through the SAM transform. */
    @Test
    void templateWithTheContractIncludedIsValidSam() throws Exception {
        ObjectNode template = (ObjectNode) CloudFormationYaml.read(ROOT.resolve("template.yaml"));
        ObjectNode api = (ObjectNode) template.at("/Resources/HttpApi/Properties");
        assertEquals("docs/openapi.yaml", api.at("/DefinitionBody/Fn::Transform/Parameters/Location").asText());
        api.set("DefinitionBody", CloudFormationYaml.read(ROOT.resolve("docs/openapi.yaml")));
        Path included = Files.createTempFile("template-included", ".json");
        try {
            new ObjectMapper().writeValue(included.toFile(), template);
            run(List.of("cfn-lint", included.toString()));
        } finally {
            Files.deleteIfExists(included);
        }
    }

    @Test
    void stateMachineIsValidAsl() throws Exception {
        Path validator = NodeModules.ensureInstalled().resolve("node_modules/.bin/asl-validator");
        run(List.of(validator.toString(), "--json-path", "statemachine/offboarding.asl.json"));
    }
}
