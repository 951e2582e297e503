package com.cloudphone;

/**
 * Run in a JVM of its own by {@link LambdaCredentialsTest}, with the environment a Lambda function gets: builds the
 * backend from it, runs the default priming (a DynamoDB GetItem) and prints the access key the SDK resolved.
 */
final class LambdaProbe {
    public static void main(String[] args) {
        Backend backend = Backend.build(System.getenv());
        new Priming(backend, Prime.DEFAULT).beforeCheckpoint(null);
        System.out.println("key=" + Backend.lambdaCredentials().resolveCredentials().accessKeyId());
    }
}
