package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console in AWS, read off template-console.yaml: a private bucket only the stack's CloudFront distribution can
 * read (Origin Access Control, its SourceArn), HTTPS only, the local stack's security headers with the API's origin
 * as the one place the console may connect to, and what ties it to the API stack's CORS.
 */
class TemplateConsoleTest {
    private static final Path ROOT = LocalStack.projectRoot();
    private static JsonNode template;
    private static JsonNode resources;

    @BeforeAll
    static void read() throws Exception {
        template = CloudFormationYaml.read(ROOT.resolve("template-console.yaml"));
        resources = template.get("Resources");
    }

    /** The one resource of this type. */
    private static Map.Entry<String, JsonNode> only(String type) {
        List<Map.Entry<String, JsonNode>> found = new ArrayList<>();
        resources.fields().forEachRemaining(e -> {
            if (e.getValue().path("Type").asText().equals(type)) {
                found.add(e);
            }
        });
        assertEquals(1, found.size(), "resources of type " + type);
        return found.get(0);
    }

    /** The logical id a {@code !Ref X}, {@code !GetAtt X.Attr} or {@code !GetAtt [X, Attr]} points at. */
    private static String target(JsonNode ref) {
        JsonNode getAtt = ref.path("Fn::GetAtt");
        return ref.has("Ref") ? ref.get("Ref").asText()
                : getAtt.isTextual() ? getAtt.asText().split("\\.")[0] : getAtt.path(0).asText();
    }

    private static JsonNode distribution() {
        return only("AWS::CloudFront::Distribution").getValue().at("/Properties/DistributionConfig");
    }

    private static JsonNode headersPolicy() {
        return only("AWS::CloudFront::ResponseHeadersPolicy").getValue()
                .at("/Properties/ResponseHeadersPolicyConfig/SecurityHeadersConfig");
    }

    /** The directives of a policy, in order: {@code connect-src} to its sources. */
    private static Map<String, String> directives(String policy) {
        Map<String, String> directives = new LinkedHashMap<>();
        for (String d : policy.split(";")) {
            String[] parts = d.trim().split("\\s+", 2);
            assertFalse(directives.containsKey(parts[0]), "twice: " + parts[0]);
            directives.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return directives;
    }

    @Test
    void theBucketIsPrivateEncryptedAndTlsOnly() {
        JsonNode bucket = only("AWS::S3::Bucket").getValue().path("Properties");
        JsonNode block = bucket.path("PublicAccessBlockConfiguration");
        for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            assertTrue(block.path(flag).asBoolean(false), flag);
        }
        assertEquals("BucketOwnerEnforced", bucket.at("/OwnershipControls/Rules/0/ObjectOwnership").asText());
        String sse = bucket.at("/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault"
                + "/SSEAlgorithm").asText();
        assertTrue(sse.equals("AES256") || sse.equals("aws:kms"), sse);
        assertTrue(bucket.path("WebsiteConfiguration").isMissingNode(), "no S3 website endpoint: CloudFront only");
        assertTrue(bucket.path("AccessControl").isMissingNode(), "no canned ACL");

        JsonNode policy = only("AWS::S3::BucketPolicy").getValue().path("Properties");
        assertEquals(only("AWS::S3::Bucket").getKey(), target(policy.path("Bucket")));
        boolean tlsOnly = false;
        for (JsonNode s : policy.at("/PolicyDocument/Statement")) {
            if (s.path("Effect").asText().equals("Deny")
                    && s.at("/Condition/Bool/aws:SecureTransport").asText().equals("false")) {
                tlsOnly = s.path("Principal").toString().equals("\"*\"") && s.path("Action").toString().contains("s3:*")
                        && s.path("Resource").size() == 2;
            }
        }
        assertTrue(tlsOnly, "a Deny of s3:* without TLS, on the bucket and its objects");
    }

    @Test
    void onlyTheDistributionsOriginAccessControlMayReadTheBucket() {
        JsonNode policy = only("AWS::S3::BucketPolicy").getValue().at("/Properties/PolicyDocument/Statement");
        List<JsonNode> allows = new ArrayList<>();
        policy.forEach(s -> {
            if (s.path("Effect").asText().equals("Allow")) {
                allows.add(s);
            }
        });
        assertEquals(1, allows.size(), "one Allow: CloudFront reading objects");
        JsonNode allow = allows.get(0);
        assertEquals("{\"Service\":\"cloudfront.amazonaws.com\"}", allow.path("Principal").toString());
        assertEquals("\"s3:GetObject\"", allow.path("Action").toString().replace("[", "").replace("]", ""));
        assertTrue(allow.path("Resource").toString().contains("/*"), "objects only");
        // the distribution of this stack, no other distribution of CloudFront (the confused deputy)
        String sourceArn = allow.at("/Condition/StringEquals/AWS:SourceArn/Fn::Sub").asText();
        String distribution = only("AWS::CloudFront::Distribution").getKey();
        assertEquals("arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${" + distribution + "}",
                sourceArn);

        JsonNode oac = only("AWS::CloudFront::OriginAccessControl").getValue().at("/Properties/OriginAccessControlConfig");
        assertEquals("s3", oac.path("OriginAccessControlOriginType").asText());
        assertEquals("always", oac.path("SigningBehavior").asText());
        assertEquals("sigv4", oac.path("SigningProtocol").asText());
        assertTrue(template.toString().indexOf("CloudFrontOriginAccessIdentity") < 0, "no legacy OAI");

        JsonNode origins = distribution().path("Origins");
        assertEquals(1, origins.size());
        JsonNode origin = origins.get(0);
        assertEquals(only("AWS::CloudFront::OriginAccessControl").getKey(), target(origin.path("OriginAccessControlId")));
        assertEquals(only("AWS::S3::Bucket").getKey(), target(origin.path("DomainName")));
        assertTrue(origin.path("DomainName").toString().contains("RegionalDomainName"), "the REST endpoint, not a website");
        assertEquals("", origin.at("/S3OriginConfig/OriginAccessIdentity").asText("x"), "OAC, so no OAI");
    }

    @Test
    void theDistributionIsHttpsOnlyWithTheHeadersPolicyAndIndexAtTheRoot() {
        JsonNode d = distribution();
        assertTrue(d.path("Enabled").asBoolean());
        assertEquals("index.html", d.path("DefaultRootObject").asText());
        List<JsonNode> behaviours = new ArrayList<>();
        behaviours.add(d.path("DefaultCacheBehavior"));
        d.path("CacheBehaviors").forEach(behaviours::add);
        String headers = only("AWS::CloudFront::ResponseHeadersPolicy").getKey();
        for (JsonNode b : behaviours) {
            assertEquals("redirect-to-https", b.path("ViewerProtocolPolicy").asText());
            assertEquals(headers, target(b.path("ResponseHeadersPolicyId")));
            assertEquals("[\"GET\",\"HEAD\"]", b.path("AllowedMethods").toString(), "read only");
            assertTrue(b.path("CachePolicyId").has("Ref") || b.path("CachePolicyId").isTextual(), "a cache policy");
            assertTrue(b.path("ForwardedValues").isMissingNode(), "a cache policy, not legacy forwarded values");
        }
        JsonNode certificate = d.path("ViewerCertificate");
        assertTrue(certificate.toString().contains("TLSv1.2_2021"), "TLS 1.2 or newer on a custom domain: " + certificate);
        assertTrue(certificate.toString().contains("sni-only"), certificate.toString());
    }

    @Test
    void theHeadersAreTheLocalStacksWithTheApiAsTheOnlyConnectSource() {
        JsonNode h = headersPolicy();
        for (String header : List.of("ContentSecurityPolicy", "ContentTypeOptions", "FrameOptions", "ReferrerPolicy",
                "StrictTransportSecurity")) {
            assertTrue(h.at("/" + header + "/Override").asBoolean(false), header + " overrides what the origin sends");
        }
        String csp = h.at("/ContentSecurityPolicy/ContentSecurityPolicy/Fn::Sub").asText();
        // one policy: the local stack's, where the API is the same origin ('self'), with the API's origin in AWS
        assertEquals(ConsoleFiles.csp("${ApiOrigin}"), csp);
        assertEquals(ConsoleFiles.CSP, csp.replace("${ApiOrigin}", "'self'"));
        Map<String, String> directives = directives(csp);
        assertEquals("${ApiOrigin}", directives.get("connect-src"), "the API and nothing else");
        assertEquals("'none'", directives.get("default-src"));
        assertEquals("'none'", directives.get("frame-ancestors"));
        assertFalse(csp.contains("unsafe") || csp.contains("*"), csp);

        assertEquals("DENY", h.at("/FrameOptions/FrameOption").asText());
        assertEquals(ConsoleFiles.HEADERS.get("X-Frame-Options"), h.at("/FrameOptions/FrameOption").asText());
        assertEquals(ConsoleFiles.HEADERS.get("Referrer-Policy"), h.at("/ReferrerPolicy/ReferrerPolicy").asText());
        assertEquals("nosniff", ConsoleFiles.HEADERS.get("X-Content-Type-Options"));
        assertTrue(h.at("/StrictTransportSecurity/AccessControlMaxAgeSec").asInt() >= 31536000, "HSTS for a year or more");
    }

    @Test
    void theApiOriginIsTheApiStacksIssuerShape() throws Exception {
        JsonNode api = CloudFormationYaml.read(ROOT.resolve("template.yaml")).at("/Parameters");
        JsonNode apiOrigin = template.at("/Parameters/ApiOrigin");
        assertTrue(apiOrigin.path("Default").isMissingNode(), "no default: it is the API stack's ApiUrl");
        // the API stack's ApiUrl output is its TokenIssuer parameter: any issuer is an API origin here, exactly
        assertEquals(api.at("/TokenIssuer/AllowedPattern").asText(), apiOrigin.path("AllowedPattern").asText());
        Pattern allowed = Pattern.compile(apiOrigin.path("AllowedPattern").asText());
        for (String bad : List.of("*", "https://*.example.com", "https://api.example.com/", "'self'",
                "https://api.example.com; script-src *", "http://api.example.com")) {
            assertFalse(allowed.matcher(bad).matches(), bad);
        }
    }

    @Test
    void theConsoleOriginOutputIsWhatTheApiStacksCorsTakes() throws Exception {
        JsonNode output = template.at("/Outputs/ConsoleOrigin/Value");
        String text = output.toString();
        String distribution = only("AWS::CloudFront::Distribution").getKey();
        assertTrue(text.contains("https://${" + distribution + ".DomainName}"), text);
        assertTrue(text.contains("https://${ConsoleDomainName}"), text);
        Pattern cors = Pattern.compile(CloudFormationYaml.read(ROOT.resolve("template.yaml"))
                .at("/Parameters/ConsoleOrigin/AllowedPattern").asText());
        assertTrue(cors.matcher("https://d111111abcdef8.cloudfront.net").matches());
        assertTrue(cors.matcher("https://console.example.com").matches());
        // the HttpApi's CORS is the contract's, with the console origin parameter as its one origin, never '*'
        JsonNode httpApi = CloudFormationYaml.read(ROOT.resolve("template.yaml")).at("/Resources/HttpApi/Properties");
        assertTrue(httpApi.path("CorsConfiguration").isMissingNode(), "no second CORS configuration on the HttpApi");
        JsonNode contractCors = TemplateRoutesTest.document().get("x-amazon-apigateway-cors");
        assertEquals("[{\"Ref\":\"ConsoleOrigin\"}]", contractCors.path("allowOrigins").toString());
        assertFalse(contractCors.toString().contains("*"), contractCors.toString());
        assertFalse(contractCors.path("allowCredentials").asBoolean(false), "tokens travel in a header, not cookies");
        for (String name : List.of("BucketName", "DistributionId")) {
            assertFalse(template.at("/Outputs/" + name + "/Value").isMissingNode(), "the deploy script reads " + name);
        }
    }

    @Test
    void indexAndConfigAreShortLivedAtTheEdge() {
        JsonNode d = distribution();
        JsonNode policy = resources.path(target(d.at("/DefaultCacheBehavior/CachePolicyId")))
                .at("/Properties/CachePolicyConfig");
        // 0: an object's own Cache-Control (set by bin/deploy-console) decides, no-cache and s-maxage included
        assertEquals(0, policy.path("MinTTL").asInt(-1));
        assertTrue(policy.path("DefaultTTL").asInt() <= 300, "an object without Cache-Control stays 5 minutes at most");
        JsonNode key = policy.path("ParametersInCacheKeyAndForwardedToOrigin");
        assertEquals("none", key.at("/CookiesConfig/CookieBehavior").asText());
        assertEquals("none", key.at("/QueryStringsConfig/QueryStringBehavior").asText());
        assertEquals("none", key.at("/HeadersConfig/HeaderBehavior").asText());
        assertTrue(key.path("EnableAcceptEncodingGzip").asBoolean() && key.path("EnableAcceptEncodingBrotli").asBoolean());
        assertTrue(d.at("/DefaultCacheBehavior/Compress").asBoolean());
    }
}
