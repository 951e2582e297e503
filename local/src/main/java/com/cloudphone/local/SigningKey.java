package com.cloudphone.local;

import com.cloudphone.log.Log;
import com.cloudphone.service.Tokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The token signing key, read as the sessions function reads it in AWS: GetSecretValue on the secret's ARN, a
 * PKCS#8 PEM in SecretString. The stack stores a new key as that secret on moto at its first start; with a data
 * folder moto's journal keeps the secret, so tokens outlive a restart.
 */
final class SigningKey {
    static final String SECRET_NAME = "cloudphone-users-signing-key";
    /** Where earlier versions of the stack kept the key; moved into the secret once, then deleted. */
    private static final String OLD_FILE = "signing-key.pem";

    private SigningKey() {
    }

    static KeyPair load(SecretsManagerClient secrets, Path dataDir) throws IOException {
        String arn;
        try {
            arn = secrets.describeSecret(b -> b.secretId(SECRET_NAME)).arn();
        } catch (ResourceNotFoundException firstStart) {
            Path old = dataDir == null ? null : dataDir.resolve(OLD_FILE);
            boolean migrate = old != null && Files.exists(old);
            String pem = migrate ? Files.readString(old) : Tokens.toPem(Tokens.generateKeys());
            arn = secrets.createSecret(b -> b.name(SECRET_NAME)
                    .description("RS256 private key (PKCS#8 PEM) that signs the local stack's tokens")
                    .secretString(pem)).arn();
            if (migrate) {
                Files.delete(old);
                Log.info("signing key moved into Secrets Manager", Map.of("secret", SECRET_NAME));
            }
        }
        String secretArn = arn;
        return Tokens.fromPem(secrets.getSecretValue(b -> b.secretId(secretArn)).secretString());
    }
}
