package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sam build} without SAM CLI: every function and the layer of template.yaml built as SAM CLI 1.164 with
 * aws-lambda-builders 1.63 builds a {@code BuildMethod: makefile} resource, on a copy of this checkout that has never
 * been built, with a Maven repository that holds none of this project's artifacts. For each resource SAM copies its
 * CodeUri (ContentUri for a layer) into a new scratch folder and, from there, runs
 * {@code make --makefile <ContextPath>/Makefile build-<LogicalId>} with ARTIFACTS_DIR set to an empty folder; this
 * test does the same, then checks what would be zipped and uploaded.
 *
 * <p>About a minute: the first call runs Maven for every module, the others copy. {@code -DskipSamBuild=true}
 * leaves it out of a local run; CI runs it.
 */
class SamBuildTest {
    private static final Path ROOT = LocalStack.projectRoot();
    private static final long FUNCTION_LIMIT = 5L << 20;
    private static final long LAYER_LIMIT = 50L << 20;
    /** What a clone does not have, or SAM's copy leaves out: build output, installed npm packages, local data. */
    private static final Set<String> NOT_IN_A_CLONE = Set.of(".git", ".aws-sam", "target", "node_modules", "data");

    record Resource(String logicalId, boolean layer, String codeUri, String handlerClass) { }

    @TempDir
    Path work;

    @Test
    @DisabledIfSystemProperty(named = "skipSamBuild", matches = "true")
    void everyFunctionAndTheLayerBuildTheWaySamBuildsThem() throws Exception {
        List<Resource> resources = resources(ROOT.resolve("template.yaml"));
        Path clone = work.resolve("clone");
        copyTree(ROOT, clone);
        Path repo = repositoryWithoutThisProject(work.resolve("m2"));

        Map<Resource, Path> built = new LinkedHashMap<>();
        StringBuilder report = new StringBuilder("sam build, the makefile way, from a fresh copy:\n");
        for (Resource r : resources) {
            long start = System.nanoTime();
            built.put(r, make(clone, repo, r));
            report.append(String.format("  %-30s %6.1f s%n", r.logicalId(), (System.nanoTime() - start) / 1e9));
        }

        Resource layerResource = resources.stream().filter(Resource::layer).findFirst().orElseThrow();
        Path layer = built.get(layerResource);
        List<Path> layerJars = checkLayer(layer);
        long layerSize = size(layer);
        report.append(String.format("  layer %s: %d jars, %.1f MB unzipped%n", layerResource.logicalId(),
                layerJars.size(), layerSize / 1e6));
        assertTrue(layerSize < LAYER_LIMIT, "the layer is " + layerSize + " bytes unzipped");
        Map<String, String> layerClasses = classesIn(layerJars);
        checkPasswordHashingRunsFromTheLayer(layerJars);

        for (Map.Entry<Resource, Path> e : built.entrySet()) {
            Resource r = e.getKey();
            if (r.layer()) {
                continue;
            }
            Path function = e.getValue();
            checkFunction(r, function, layerClasses);
            checkHandlerLoads(r, function, layerJars);
            long functionSize = size(function);
            report.append(String.format("  function %-30s %8d bytes unzipped%n", r.logicalId(), functionSize));
            assertTrue(functionSize < FUNCTION_LIMIT, r.logicalId() + " is " + functionSize + " bytes unzipped");
        }
        assertFalse(Files.exists(repo.resolve("com/cloudphone")), "a build installed into the Maven repository");
        System.out.print(report);
        Files.createDirectories(ROOT.resolve("local/target"));
        Files.writeString(ROOT.resolve("local/target/sam-build-report.txt"), report);

        // The first call built every module once; the next ones reuse that until a source changes (a deletion too).
        Resource any = resources.get(resources.size() - 1);
        assertFalse(plan(clone, any).contains("mvn "), "nothing changed, yet make would run Maven again");
        Files.delete(clone.resolve(any.codeUri()).resolve("src/main/java/" + any.handlerClass().replace('.', '/') + ".java"));
        assertTrue(plan(clone, any).contains("mvn "), "a source was deleted, yet make would not run Maven");
        Files.createDirectories(ROOT.resolve("local/target"));
        Files.writeString(ROOT.resolve("local/target/sam-build-report.txt"), report);
    }

    /** Every function and layer of the template; each must be a makefile build whose Makefile is at the root. */
    static List<Resource> resources(Path template) throws IOException {
        JsonNode root = CloudFormationYaml.read(template);
        List<Resource> found = new ArrayList<>();
        root.get("Resources").fields().forEachRemaining(e -> {
            String type = e.getValue().path("Type").asText();
            boolean layer = type.equals("AWS::Serverless::LayerVersion");
            if (!layer && !type.equals("AWS::Serverless::Function")) {
                return;
            }
            JsonNode metadata = e.getValue().path("Metadata");
            assertEquals("makefile", metadata.path("BuildMethod").asText(), e.getKey() + " Metadata.BuildMethod");
            assertEquals(".", metadata.path("ContextPath").asText(), e.getKey() + " Metadata.ContextPath");
            JsonNode properties = e.getValue().path("Properties");
            String codeUri = properties.path(layer ? "ContentUri" : "CodeUri").asText();
            assertFalse(codeUri.isEmpty(), e.getKey() + " has no code folder");
            String handler = layer ? null : properties.path("Handler").asText().split("::")[0];
            found.add(new Resource(e.getKey(), layer, codeUri, handler));
        });
        assertEquals(1, found.stream().filter(Resource::layer).count(), "one layer");
        return found;
    }

    /** One build as SAM runs it: a new scratch copy of the code folder, an empty ARTIFACTS_DIR, make. */
    private Path make(Path clone, Path repo, Resource r) throws Exception {
        Path scratch = work.resolve("scratch").resolve(r.logicalId());
        copyTree(clone.resolve(r.codeUri()), scratch);
        Path artifacts = Files.createDirectories(work.resolve("artifacts").resolve(r.logicalId()));
        ProcessBuilder pb = new ProcessBuilder("make", "--makefile", clone.resolve("Makefile").toString(),
                "build-" + r.logicalId()).directory(scratch.toFile()).redirectErrorStream(true);
        pb.environment().put("ARTIFACTS_DIR", artifacts.toString());
        pb.environment().put("MAVEN_OPTS", (pb.environment().getOrDefault("MAVEN_OPTS", "")
                + " -Dmaven.repo.local=" + repo).trim());
        Process process = pb.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "make build-" + r.logicalId() + " took over 300 s");
        assertEquals(0, process.exitValue(),
                "make build-" + r.logicalId() + ":\n" + new String(output, StandardCharsets.UTF_8));
        return artifacts;
    }

    /** What {@code make build-X} would run now, without running it ({@code make -n}). */
    private String plan(Path clone, Resource r) throws Exception {
        Process process = new ProcessBuilder("make", "-n", "--makefile", clone.resolve("Makefile").toString(),
                "build-" + r.logicalId()).directory(work.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    /** java/lib holds jars and nothing else: one core jar, the shaded one, each library once, no test classes. */
    private static List<Path> checkLayer(Path layer) throws IOException {
        List<String> stray;
        try (Stream<Path> all = Files.walk(layer)) {
            stray = all.filter(p -> !p.equals(layer)).map(p -> layer.relativize(p).toString())
                    .filter(p -> !p.equals("java") && !p.equals("java/lib") && !p.matches("java/lib/[^/]+\\.jar"))
                    .toList();
        }
        assertEquals(List.of(), stray, "the layer may hold only java/lib/*.jar");
        List<Path> jars;
        try (Stream<Path> lib = Files.list(layer.resolve("java/lib"))) {
            jars = lib.sorted().toList();
        }
        List<String> names = jars.stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of(), names.stream().filter(n -> n.startsWith("original-") || n.endsWith("-tests.jar")
                || n.startsWith("bcprov")).toList(), "unshaded, test or Bouncy Castle jars in the layer");
        assertEquals(1, names.stream().filter(n -> n.startsWith("core-")).count(), "one core jar: " + names);
        Map<String, List<String>> byLibrary = names.stream()
                .collect(Collectors.groupingBy(n -> n.replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", "")));
        byLibrary.values().removeIf(v -> v.size() == 1);
        assertEquals(Map.of(), byLibrary, "a library twice in the layer");
        try (JarFile core = new JarFile(layer.resolve("java/lib").resolve(
                names.stream().filter(n -> n.startsWith("core-")).findFirst().orElseThrow()).toFile())) {
            assertNotNull(core.getEntry("com/cloudphone/shaded/bouncycastle/crypto/generators/OpenBSDBCrypt.class"),
                    "the core jar in the layer is not the shaded one");
            assertTrue(core.stream().noneMatch(e -> e.getName().startsWith("org/bouncycastle/")));
        }
        return jars;
    }

    /** Class file name to the jar it is in; a class in two jars fails (Lambda would load whichever sorts first). */
    private static Map<String, String> classesIn(List<Path> jars) throws IOException {
        Map<String, String> classes = new HashMap<>();
        List<String> twice = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().map(e -> e.getName())
                        .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                        .forEach(n -> {
                            String before = classes.putIfAbsent(n, jar.getFileName().toString());
                            if (before != null) {
                                twice.add(n + " in " + before + " and " + jar.getFileName());
                            }
                        });
            }
        }
        assertEquals(List.of(), twice, "classes in two jars of the layer");
        return classes;
    }

    /** A function is its module's own classes: no jars, nothing the layer has, and its handler among them. */
    private static void checkFunction(Resource r, Path function, Map<String, String> layerClasses) throws IOException {
        List<String> files;
        try (Stream<Path> all = Files.walk(function)) {
            files = all.filter(Files::isRegularFile).map(p -> function.relativize(p).toString()).sorted().toList();
        }
        assertEquals(List.of(), files.stream().filter(f -> !f.endsWith(".class")).toList(),
                r.logicalId() + " holds files other than classes");
        assertEquals(List.of(), files.stream().filter(layerClasses::containsKey).toList(),
                r.logicalId() + " repeats classes of the layer");
        assertEquals(List.of(), files.stream().filter(f -> !f.startsWith("com/cloudphone/handler/")).toList(),
                r.logicalId() + " holds classes that are not handlers");
        assertTrue(files.contains(r.handlerClass().replace('.', '/') + ".class"),
                r.logicalId() + ": no " + r.handlerClass() + " in " + files);
        try (Stream<Path> dirs = Files.walk(function)) {
            assertEquals(List.of(), dirs.filter(Files::isDirectory).filter(SamBuildTest::isEmpty).toList(),
                    r.logicalId() + " has empty folders");
        }
    }

    /**
     * The handler's class loads, with the types of its handleRequest, from the function and the layer alone (the
     * class path Lambda gives it), not from this test's class path.
     */
    private static void checkHandlerLoads(Resource r, Path function, List<Path> layerJars) throws Exception {
        try (URLClassLoader loader = lambdaClassPath(function, layerJars)) {
            Class<?> handler = Class.forName(r.handlerClass(), false, loader);
            assertTrue(Arrays.stream(handler.getMethods()).anyMatch(m -> m.getName().equals("handleRequest")),
                    r.handlerClass() + " has no handleRequest");
            assertEquals(loader, handler.getClassLoader());
        }
    }

    /** bcrypt runs off the layer without bcprov: the shaded core jar carries every class it needs. */
    private static void checkPasswordHashingRunsFromTheLayer(List<Path> layerJars) throws Exception {
        try (URLClassLoader loader = lambdaClassPath(null, layerJars)) {
            Class<?> hasherClass = Class.forName("com.cloudphone.service.PasswordHasher", true, loader);
            Object hasher = hasherClass.getConstructor(int.class).newInstance(4);
            Method hash = hasherClass.getMethod("hash", String.class);
            Method matches = hasherClass.getMethod("matches", String.class, String.class);
            String stored = (String) hash.invoke(hasher, "Layer-check-1");
            assertEquals(true, matches.invoke(hasher, stored, "Layer-check-1"));
            assertEquals(false, matches.invoke(hasher, stored, "Layer-check-2"));
        }
    }

    private static URLClassLoader lambdaClassPath(Path function, List<Path> layerJars) throws IOException {
        List<URL> urls = new ArrayList<>();
        if (function != null) {
            urls.add(function.toUri().toURL());
        }
        for (Path jar : layerJars) {
            urls.add(jar.toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /**
     * The Maven repository the outer build uses, less com/cloudphone: each top folder (and each folder of com/) is a
     * link to the real one, so third-party artifacts are not fetched again and none of this project's can be found.
     */
    private static Path repositoryWithoutThisProject(Path farm) throws IOException {
        Path real = Path.of(System.getProperty("sam.build.maven.repo",
                System.getProperty("user.home") + "/.m2/repository")).toAbsolutePath();
        Files.createDirectories(farm.resolve("com"));
        if (Files.isDirectory(real)) {
            try (Stream<Path> top = Files.list(real)) {
                for (Path p : top.toList()) {
                    if (!p.getFileName().toString().equals("com")) {
                        Files.createSymbolicLink(farm.resolve(p.getFileName().toString()), p);
                    }
                }
            }
            if (Files.isDirectory(real.resolve("com"))) {
                try (Stream<Path> com = Files.list(real.resolve("com"))) {
                    for (Path p : com.toList()) {
                        if (!p.getFileName().toString().equals("cloudphone")) {
                            Files.createSymbolicLink(farm.resolve("com").resolve(p.getFileName().toString()), p);
                        }
                    }
                }
            }
        }
        assertFalse(Files.exists(farm.resolve("com/cloudphone")));
        return farm;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.filter(p -> from.relativize(p).toString().isEmpty() || keep(from.relativize(p)))
                    .toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static boolean keep(Path relative) {
        for (Path part : relative) {
            if (NOT_IN_A_CLONE.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The Makefile builds each resource from the module its CodeUri names (checked without building). */
    @Test
    void everyResourceOfTheTemplateHasAMakefileTarget() throws Exception {
        String makefile = Files.readString(ROOT.resolve("Makefile"));
        Set<String> missing = new TreeSet<>();
        for (Resource r : resources(ROOT.resolve("template.yaml"))) {
            boolean declared = makefile.contains("build-" + r.logicalId() + ":")
                    || makefile.contains("call function," + r.logicalId() + "," + r.codeUri() + ")");
            if (!declared) {
                missing.add(r.logicalId());
            }
        }
        assertEquals(Set.of(), missing, "resources without a build target (or with another module) in the Makefile");
    }
}
