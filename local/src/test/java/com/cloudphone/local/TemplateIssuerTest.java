package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * API Gateway's JWT authorizer fetches {issuer}/.well-known/openid-configuration: the issuer must be given at deploy
 * time, be an https origin exactly as the tokens carry it, and be the API's own custom domain.
 */
class TemplateIssuerTest {
    @Test
    void theIssuerIsARequiredHttpsOriginServedByTheApi() throws Exception {
        JsonNode template = CloudFormationYaml.read(LocalStack.projectRoot().resolve("template.yaml"));
        JsonNode issuer = template.get("Parameters").get("TokenIssuer");
        assertTrue(issuer.path("Default").isMissingNode(), "TokenIssuer must have no default");
        Pattern allowed = Pattern.compile(issuer.get("AllowedPattern").asText());
        for (String good : List.of("https://api.example.com", "https://users.phone.example.co.uk")) {
            assertTrue(allowed.matcher(good).matches(), good);
        }
        for (String bad : List.of("http://api.example.com", "https://api.example.com/", "https://api.example.com/v1",
                "https://API.example.com", "https://api.example.com:8443", "https://localhost", "api.example.com")) {
            assertFalse(allowed.matcher(bad).matches(), bad);
        }

        JsonNode api = template.get("Resources").get("HttpApi").get("Properties");
        JsonNode jwt = TemplateRoutesTest.document()
                .at("/components/securitySchemes/ServiceJwt/x-amazon-apigateway-authorizer/jwtConfiguration");
        assertEquals("TokenIssuer", jwt.at("/issuer/Ref").asText());
        // https://host split on "/" is ["https:", "", "host"]
        assertEquals("[2,{\"Fn::Split\":[\"/\",{\"Ref\":\"TokenIssuer\"}]}]",
                api.at("/Domain/DomainName/Fn::Select").toString());
        assertTrue(api.at("/Domain/Route53/HostedZoneId").has("Ref"), "the domain's DNS record is the stack's");
        assertTrue(api.at("/Domain/CertificateArn").has("Ref"));
    }
}
