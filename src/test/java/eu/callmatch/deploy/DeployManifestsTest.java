package eu.callmatch.deploy;

import eu.callmatch.common.config.CallmatchConfig;
import io.smallrye.config.WithName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The files under deploy/ against the service they deploy: every YAML file parses and has what Kubernetes or
 * Compose needs, every environment variable they give the service is one of its configuration keys, and ports and
 * probe paths are the ones the service serves. No cluster and no container engine are needed (none runs in CI).
 * SnakeYAML comes with Quarkus's OpenAPI extension.
 */
class DeployManifestsTest {

    static final Path DEPLOY = Path.of("deploy");
    static final String READY = "/q/health/ready";
    static final String LIVE = "/q/health/live";
    static final String STARTED = "/q/health/started";
    /** The image name the base uses for the service; kustomize's images: replaces it. */
    static final String IMAGE = "callmatch";
    /**
     * Variables read by something other than application.properties and CallmatchConfig: Quarkus's datasource keys
     * (unset in application.properties: no URL means the embedded database) and the JVM options that the image's
     * run-java.sh and the systemd unit put on the command line; DJL_CACHE_DIR, read by the tokenizer library.
     */
    static final Set<String> ALLOWED = Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD", "JAVA_OPTS", "JAVA_OPTS_APPEND", "DJL_CACHE_DIR");

    static Properties properties;
    static int httpPort;
    static List<Pattern> knownVariables;

    @BeforeAll
    static void readTheServiceConfiguration() throws IOException {
        properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        httpPort = Integer.parseInt(properties.getProperty("quarkus.http.port"));
        // the probe paths below are Quarkus's defaults: they hold while nothing moves them
        for (String key : properties.stringPropertyNames()) {
            assertFalse(key.contains("non-application-root-path") || key.startsWith("quarkus.smallrye-health."),
                    key + " moves the health endpoints: update the probes and this test");
        }
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        collectKeys(CallmatchConfig.class, "callmatch.", keys);
        knownVariables = new ArrayList<>();
        for (String key : keys) {
            String variable = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9*]", "_");
            knownVariables.add(Pattern.compile(Pattern.quote(variable).replace("*", "\\E[A-Z0-9_]+\\Q")));
        }
        ALLOWED.forEach(v -> knownVariables.add(Pattern.compile(Pattern.quote(v))));
    }

    /** The keys of a @ConfigMapping interface, a map's key as {@code *}: callmatch.import.sources.*.type. */
    static void collectKeys(Class<?> group, String prefix, Set<String> keys) {
        for (Method method : group.getDeclaredMethods()) {
            if (method.isDefault() || method.getParameterCount() > 0 || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName named = method.getAnnotation(WithName.class);
            String name = prefix + (named != null ? named.value()
                    : method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
            Type type = method.getGenericReturnType();
            if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() == CallmatchConfig.class) {
                collectKeys(method.getReturnType(), name + ".", keys);
            } else if (method.getReturnType() == Map.class && type instanceof ParameterizedType map
                    && map.getActualTypeArguments()[1] instanceof Class<?> value && value.isInterface()) {
                collectKeys(value, name + ".*.", keys);
            } else {
                keys.add(name);
            }
        }
    }

    static boolean isConfigVariable(String name) {
        return knownVariables.stream().anyMatch(p -> p.matcher(name).matches());
    }

    static void assertConfigVariables(String where, Iterable<String> names) {
        List<String> unknown = new ArrayList<>();
        names.forEach(n -> {
            if (!isConfigVariable(n)) {
                unknown.add(n);
            }
        });
        assertTrue(unknown.isEmpty(), where + ": not a configuration key of the service: " + unknown
                + " (CALLMATCH_FOO_BAR is callmatch.foo-bar; see application.properties and CallmatchConfig)");
    }

    // --- YAML ---

    static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    static List<Map<String, Object>> documents(Path file) throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> docs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object doc : yaml.loadAll(in)) {
                if (doc != null) {
                    assertTrue(doc instanceof Map, file + ": a document is not a mapping");
                    docs.add(map(doc, file.toString()));
                }
            }
        }
        assertFalse(docs.isEmpty(), file + " is empty");
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        assertTrue(value instanceof Map, what + ": expected a mapping, found " + value);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        assertTrue(value instanceof List, what + ": expected a list, found " + value);
        return (List<Object>) value;
    }

    /** A value by a dotted path, failing with the path when it is missing. */
    static Object at(Map<String, Object> root, String path, String where) {
        Object value = root;
        for (String part : path.split("\\.")) {
            value = map(value, where + " at " + path).get(part);
            assertNotNull(value, where + ": " + path + " is missing");
        }
        return value;
    }

    /** Every Kubernetes object under deploy/k8s, by file. */
    static Map<Path, List<Map<String, Object>>> kubernetesObjects() throws IOException {
        Map<Path, List<Map<String, Object>>> objects = new LinkedHashMap<>();
        for (Path file : yamlFiles()) {
            if (file.startsWith(DEPLOY.resolve("k8s")) && !file.getFileName().toString().equals("kustomization.yaml")) {
                objects.put(file, documents(file));
            }
        }
        return objects;
    }

    @Test
    void everyYamlFileParses() throws IOException {
        List<Path> files = yamlFiles();
        assertTrue(files.size() >= 10, "the manifests are found: " + files);
        for (Path file : files) {
            documents(file);
        }
    }

    @Test
    void everyKubernetesObjectHasApiVersionKindAndName() throws IOException {
        for (var entry : kubernetesObjects().entrySet()) {
            for (Map<String, Object> object : entry.getValue()) {
                String where = entry.getKey().toString();
                assertTrue(at(object, "apiVersion", where) instanceof String, where + ": apiVersion");
                assertTrue(at(object, "kind", where) instanceof String, where + ": kind");
                assertTrue(at(object, "metadata.name", where) instanceof String, where + ": metadata.name");
                // a strategic-merge patch (*-patch.yaml) names only what it changes
                boolean patch = entry.getKey().getFileName().toString().endsWith("-patch.yaml");
                if (!patch && List.of("Deployment", "CronJob").contains(object.get("kind"))) {
                    for (Map<String, Object> container : containers(object, where)) {
                        assertTrue(container.get("image") instanceof String, where + ": a container without image");
                    }
                }
            }
        }
    }

    static List<Map<String, Object>> containers(Map<String, Object> object, String where) {
        String spec = "CronJob".equals(object.get("kind")) ? "spec.jobTemplate.spec.template.spec.containers"
                : "spec.template.spec.containers";
        return list(at(object, spec, where), where).stream().map(c -> map(c, where)).toList();
    }

    static Map<String, Object> object(String file, String kind) throws IOException {
        return documents(DEPLOY.resolve(file)).stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError(file + " has no " + kind));
    }

    @Test
    void theDeploymentRunsReplicasWithProbesOnTheServicesPortAndPaths() throws IOException {
        String where = "k8s/base/deployment.yaml";
        Map<String, Object> deployment = object(where, "Deployment");
        assertTrue(((Number) at(deployment, "spec.replicas", where)).intValue() >= 2, "at least two replicas");
        Map<String, Object> container = containers(deployment, where).stream()
                .filter(c -> IMAGE.equals(c.get("image"))).findFirst()
                .orElseThrow(() -> new AssertionError(where + ": no container with image " + IMAGE));

        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Object port : list(at(container, "ports", where), where)) {
            Map<String, Object> p = map(port, where);
            ports.put(String.valueOf(p.get("name")), ((Number) p.get("containerPort")).intValue());
        }
        assertEquals(List.of(httpPort), List.copyOf(ports.values()), where + ": the container port is quarkus.http.port");

        Map<String, String> probes = Map.of("readinessProbe", READY, "livenessProbe", LIVE, "startupProbe", STARTED);
        probes.forEach((probe, path) -> {
            assertEquals(path, at(container, probe + ".httpGet.path", where), where + ": " + probe + " path");
            Object port = at(container, probe + ".httpGet.port", where);
            Integer resolved = port instanceof Number n ? Integer.valueOf(n.intValue()) : ports.get(String.valueOf(port));
            assertEquals(Integer.valueOf(httpPort), resolved, where + ": " + probe + " port");
        });
        for (String resource : List.of("requests.memory", "requests.cpu", "limits.memory")) {
            at(container, "resources." + resource, where);
        }

        // the heap fits the limit with room for the rest of the JVM
        String javaOpts = env(container, where).get("JAVA_OPTS_APPEND");
        Matcher xmx = Pattern.compile("-Xmx(\\d+)m").matcher(String.valueOf(javaOpts));
        assertTrue(xmx.find(), where + ": JAVA_OPTS_APPEND sets -Xmx in MB: " + javaOpts);
        assertTrue(mebibytes((String) at(container, "resources.limits.memory", where)) >= Integer.parseInt(xmx.group(1)) * 3 / 2,
                where + ": the memory limit leaves room beside the heap");

        // the data directory is an emptyDir (the index is rebuilt from PostgreSQL at start)
        Object dataDir = at(object("k8s/base/configmap.yaml", "ConfigMap"), "data.CALLMATCH_DATA_DIR", "configmap.yaml");
        String volume = list(at(container, "volumeMounts", where), where).stream().map(m -> map(m, where))
                .filter(m -> Objects.equals(dataDir, m.get("mountPath"))).map(m -> (String) m.get("name")).findFirst()
                .orElseThrow(() -> new AssertionError(where + ": nothing mounted at CALLMATCH_DATA_DIR " + dataDir));
        assertTrue(list(at(deployment, "spec.template.spec.volumes", where), where).stream().map(v -> map(v, where))
                .anyMatch(v -> volume.equals(v.get("name")) && v.containsKey("emptyDir")), where + ": data is an emptyDir");

        // the grace period covers the preStop sleep and the service's own shutdown timeout
        int grace = ((Number) at(deployment, "spec.template.spec.terminationGracePeriodSeconds", where)).intValue();
        String preStop = String.join(" ", list(at(container, "lifecycle.preStop.exec.command", where), where)
                .stream().map(String::valueOf).toList());
        Matcher sleep = Pattern.compile("sleep (\\d+)").matcher(preStop);
        assertTrue(sleep.find(), where + ": preStop sleeps");
        int shutdown = Integer.parseInt(properties.getProperty("quarkus.shutdown.timeout").replace("s", ""));
        assertTrue(grace > Integer.parseInt(sleep.group(1)) + shutdown,
                where + ": terminationGracePeriodSeconds " + grace + " is longer than preStop + quarkus.shutdown.timeout");

        Map<String, Object> service = object("k8s/base/service.yaml", "Service");
        for (Object port : list(at(service, "spec.ports", "service.yaml"), "service.yaml")) {
            Object target = map(port, "service.yaml").get("targetPort");
            assertTrue(ports.containsKey(String.valueOf(target)) || Objects.equals(target, httpPort),
                    "service.yaml: targetPort " + target + " is the container's port");
        }
        assertEquals(1, at(object("k8s/base/pdb.yaml", "PodDisruptionBudget"), "spec.minAvailable", "pdb.yaml"));
    }

    static Map<String, String> env(Map<String, Object> container, String where) {
        Map<String, String> env = new LinkedHashMap<>();
        Object list = container.get("env");
        if (list != null) {
            for (Object e : list(list, where)) {
                Map<String, Object> variable = map(e, where);
                env.put((String) variable.get("name"), String.valueOf(variable.get("value")));
            }
        }
        return env;
    }

    static int mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertTrue(m.matches(), "a memory quantity in Mi or Gi: " + quantity);
        return Integer.parseInt(m.group(1)) * ("Gi".equals(m.group(2)) ? 1024 : 1);
    }

    @Test
    void kustomizationsNameFilesThatExistAndTheBaseListsEveryManifest() throws IOException {
        for (String dir : List.of("k8s/base", "k8s/overlays/production")) {
            Path root = DEPLOY.resolve(dir);
            Map<String, Object> kustomization = documents(root.resolve("kustomization.yaml")).get(0);
            List<String> named = new ArrayList<>();
            list(at(kustomization, "resources", dir), dir).forEach(r -> named.add(String.valueOf(r)));
            Object patches = kustomization.get("patches");
            if (patches != null) {
                list(patches, dir).forEach(p -> named.add(String.valueOf(map(p, dir).get("path"))));
            }
            for (String file : named) {
                assertTrue(Files.exists(root.resolve(file)), dir + "/kustomization.yaml names a missing " + file);
            }
            try (Stream<Path> files = Files.list(root)) {
                files.map(f -> f.getFileName().toString())
                        .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
                        .forEach(f -> assertTrue(named.contains(f), dir + "/" + f + " is not in kustomization.yaml"));
            }
        }
        Map<String, Object> overlay = object("k8s/overlays/production/deployment-patch.yaml", "Deployment");
        assertEquals("callmatch", at(overlay, "metadata.name", "production"), "the patch names the base's Deployment");
        assertTrue(((Number) at(overlay, "spec.replicas", "production")).intValue() >= 3);
        String tag = String.valueOf(list(at(documents(DEPLOY.resolve("k8s/overlays/production/kustomization.yaml")).get(0),
                "images", "production"), "production").stream().map(i -> map(i, "production").get("newTag")).findFirst().orElse(null));
        assertFalse(tag.equals("latest") || tag.equals("null"), "production pins an image tag: " + tag);
    }

    /** The base's Secrets come from env files the installer writes from the committed examples; Git has neither values nor placeholders. */
    @Test
    void theSecretsAreGeneratedFromGitIgnoredEnvFilesWithCommittedExamples() throws IOException {
        Path base = DEPLOY.resolve("k8s/base");
        Map<String, Object> kustomization = documents(base.resolve("kustomization.yaml")).get(0);
        Map<String, String> envFiles = new LinkedHashMap<>();
        for (Object generator : list(at(kustomization, "secretGenerator", "base"), "base")) {
            Map<String, Object> g = map(generator, "base secretGenerator");
            assertFalse(g.containsKey("literals"), "base: no secret values in the kustomization");
            list(at(g, "envs", "base secretGenerator"), "envs").forEach(f -> envFiles.put(String.valueOf(f), (String) g.get("name")));
        }
        assertEquals(Set.of("callmatch-db", "callmatch-admin"), Set.copyOf(envFiles.values()));
        List<String> ignored = Files.readAllLines(Path.of(".gitignore"));
        for (String file : envFiles.keySet()) {
            assertTrue(ignored.contains("deploy/k8s/base/*.env") && file.endsWith(".env"), file + " is git-ignored");
            Map<String, String> example = envFile(base.resolve(file + ".example"));
            example.forEach((key, value) -> {
                if (key.endsWith("PASSWORD")) {
                    assertEquals("", value, file + ".example: " + key + " is left for the installer to fill in");
                }
            });
        }
        try (Stream<Path> files = Files.list(base)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".yaml") && readString(f).contains("kind: Secret")),
                    "no Secret manifest in the base: an apply would put it over the installer's");
        }
    }

    static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The image's JAVA_OPTS_APPEND options, which a JAVA_OPTS_APPEND given at run time replaces. */
    static List<String> imageJavaOptions() throws IOException {
        Matcher m = Pattern.compile("(?m)^ENV JAVA_OPTS_APPEND=\"([^\"]*)\"").matcher(
                Files.readString(DEPLOY.resolve("docker/Dockerfile.jvm")));
        assertTrue(m.find(), "the Dockerfile sets JAVA_OPTS_APPEND");
        return List.of(m.group(1).trim().split("\\s+"));
    }

    static void assertKeepsTheImagesJavaOptions(String where, String javaOptsAppend) throws IOException {
        List<String> given = List.of(String.valueOf(javaOptsAppend).trim().split("\\s+"));
        for (String option : imageJavaOptions()) {
            assertTrue(given.contains(option), where + ": JAVA_OPTS_APPEND replaces the image's and drops " + option
                    + ": " + javaOptsAppend);
        }
    }

    @Test
    void everyJavaOptsAppendKeepsTheImagesOptions() throws IOException {
        assertTrue(imageJavaOptions().contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager"));
        int checked = 0;
        for (String file : List.of("k8s/base/deployment.yaml", "k8s/overlays/production/deployment-patch.yaml")) {
            for (Map<String, Object> container : containers(object(file, "Deployment"), file)) {
                String value = env(container, file).get("JAVA_OPTS_APPEND");
                if (value != null) {
                    assertKeepsTheImagesJavaOptions(file, value);
                    checked++;
                }
            }
        }
        assertKeepsTheImagesJavaOptions("compose.yaml", String.valueOf(
                at(compose(), "services.callmatch.environment.JAVA_OPTS_APPEND", "compose")));
        assertEquals(2, checked, "the base and the production overlay set JAVA_OPTS_APPEND");
        try {
            assertKeepsTheImagesJavaOptions("example", "-Xmx512m");
            fail("a bare -Xmx passes");
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage().contains("drops -D"), expected.getMessage());
        }
    }

    @Test
    void everyVariableGivenToTheServiceIsOneOfItsConfigurationKeys() throws IOException {
        Set<String> names = new TreeSet<>();
        for (var entry : kubernetesObjects().entrySet()) {
            for (Map<String, Object> object : entry.getValue()) {
                String kind = String.valueOf(object.get("kind"));
                if (kind.equals("ConfigMap") || kind.equals("Secret")) {
                    for (String field : List.of("data", "stringData")) {
                        if (object.get(field) != null) {
                            names.addAll(map(object.get(field), entry.getKey().toString()).keySet());
                        }
                    }
                } else if (kind.equals("Deployment")) {
                    for (Map<String, Object> container : containers(object, entry.getKey().toString())) {
                        names.addAll(env(container, entry.getKey().toString()).keySet());
                    }
                }
            }
        }
        assertTrue(names.contains("QUARKUS_DATASOURCE_JDBC_URL") && names.contains("CALLMATCH_DATA_DIR"), names.toString());
        for (Path example : List.of(DEPLOY.resolve("k8s/base/db.env.example"), DEPLOY.resolve("k8s/base/admin.env.example"))) {
            names.addAll(envFile(example).keySet());
        }
        assertConfigVariables("k8s", names);

        Map<String, Object> compose = compose();
        Map<String, Object> environment = map(at(compose, "services.callmatch.environment", "compose"), "compose");
        assertConfigVariables("compose.yaml", environment.keySet());

        assertConfigVariables("systemd/callmatch.env.example", envFile(DEPLOY.resolve("systemd/callmatch.env.example")).keySet());

        // .env is read by Compose itself: each variable is used in compose.yaml, and those meant for the service are keys
        String composeText = Files.readString(DEPLOY.resolve("compose/compose.yaml"));
        for (String name : envFile(DEPLOY.resolve("compose/.env.example")).keySet()) {
            assertTrue(composeText.contains("${" + name), "compose/.env.example: " + name + " is not used in compose.yaml");
            if (name.startsWith("CALLMATCH_")) {
                assertConfigVariables("compose/.env.example", List.of(name));
            }
        }
    }

    /** NAME=value lines, commented-out ones too (they are examples of what may be set). */
    static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        Pattern line = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=(.*)$");
        for (String text : Files.readAllLines(file)) {
            Matcher m = line.matcher(text.trim());
            if (m.matches()) {
                values.put(m.group(1), m.group(2));
            }
        }
        assertFalse(values.isEmpty(), file + " sets nothing");
        return values;
    }

    static Map<String, Object> compose() throws IOException {
        return documents(DEPLOY.resolve("compose/compose.yaml")).get(0);
    }

    @Test
    void composeStartsPostgresFirstAndServesTheServicesPort() throws IOException {
        Map<String, Object> compose = compose();
        Map<String, Object> services = map(at(compose, "services", "compose"), "compose");
        services.forEach((name, service) -> assertTrue(map(service, name).get("image") instanceof String,
                "compose: service " + name + " has an image"));
        Map<String, Object> db = map(services.get("db"), "db");
        assertTrue(String.valueOf(db.get("image")).startsWith("postgres:16"), "PostgreSQL 16: " + db.get("image"));
        at(db, "healthcheck.test", "compose db");
        String volume = String.valueOf(list(at(db, "volumes", "compose db"), "db").get(0)).split(":")[0];
        assertTrue(map(at(compose, "volumes", "compose"), "compose").containsKey(volume), "the db volume is named: " + volume);

        Map<String, Object> service = map(services.get("callmatch"), "callmatch");
        assertEquals("service_healthy", at(service, "depends_on.db.condition", "compose callmatch"));
        assertTrue(list(at(service, "ports", "compose callmatch"), "ports").stream()
                .anyMatch(p -> String.valueOf(p).endsWith(":" + httpPort)), "compose publishes the container port " + httpPort);
        assertTrue(String.valueOf(at(service, "healthcheck.test", "compose callmatch")).contains(READY));
        Map<String, Object> environment = map(service.get("environment"), "environment");
        assertTrue(String.valueOf(environment.get("QUARKUS_DATASOURCE_JDBC_URL")).startsWith("jdbc:postgresql://db:5432/"),
                "the service talks to the db service");
        assertTrue(String.valueOf(environment.get("QUARKUS_DATASOURCE_PASSWORD")).startsWith("${"),
                "the password comes from .env, not from the file");

        Map<String, Object> importer = map(services.get("import"), "import");
        assertTrue(list(importer.get("profiles"), "import profiles").contains("import"), "the import is opt-in");
        String command = String.valueOf(importer.get("entrypoint"));
        assertTrue(command.contains("http://callmatch:" + httpPort + "/api/v1/imports/run-now?source=ft-portal"), command);
        assertTrue(properties.containsKey("callmatch.import.sources.ft-portal.type"), "the ft-portal source exists");
    }

    @Test
    void theDockerfileExposesTheServicesPortAndChecksLiveness() throws IOException {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("docker/Dockerfile.jvm"));
        // the last stage is the image that runs; those before it only prepare files for it
        String from = lines.stream().filter(l -> l.startsWith("FROM ")).reduce((a, b) -> b).orElseThrow();
        assertTrue(from.contains("openjdk-17") || from.contains(":17"), "a Java 17 runtime: " + from);
        assertTrue(lines.contains("EXPOSE " + httpPort), "EXPOSE " + httpPort);
        String healthcheck = String.join(" ", lines.subList(lines.indexOf(lines.stream()
                .filter(l -> l.startsWith("HEALTHCHECK")).findFirst().orElseThrow(() -> new AssertionError("no HEALTHCHECK"))),
                lines.size()));
        assertTrue(healthcheck.contains("localhost:" + httpPort + LIVE), "the health check asks " + LIVE);
        String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
        assertFalse(user.equals("USER root") || user.equals("USER 0"), "runs as a non-root user: " + user);
        for (String layer : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY") && l.contains(layer)), "copies " + layer);
        }
    }

    @Test
    void theSystemdUnitRunsAsItsOwnUserWithTheEnvironmentFile() throws IOException {
        List<String> unit = Files.readAllLines(DEPLOY.resolve("systemd/callmatch.service"));
        assertTrue(unit.contains("EnvironmentFile=/etc/callmatch/callmatch.env"));
        assertTrue(unit.contains("Restart=on-failure"));
        assertTrue(unit.stream().anyMatch(l -> l.startsWith("User=") && !l.equals("User=root")), "a non-root user");
        int stop = unit.stream().filter(l -> l.startsWith("TimeoutStopSec=")).map(l -> Integer.parseInt(l.substring(15)))
                .findFirst().orElseThrow(() -> new AssertionError("TimeoutStopSec"));
        int shutdown = Integer.parseInt(properties.getProperty("quarkus.shutdown.timeout").replace("s", ""));
        assertTrue(stop > shutdown, "TimeoutStopSec " + stop + " is longer than quarkus.shutdown.timeout");
        String exec = unit.stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        assertTrue(exec.contains("quarkus-run.jar"), exec);
        Map<String, String> env = envFile(DEPLOY.resolve("systemd/callmatch.env.example"));
        assertTrue(env.containsKey("QUARKUS_DATASOURCE_JDBC_URL"), "the VM's PostgreSQL is configured");
        if (exec.contains("$JAVA_OPTS")) {
            assertTrue(env.containsKey("JAVA_OPTS"), "the unit reads JAVA_OPTS from the environment file");
        }
    }

    @Test
    void theVariableCheckRejectsNamesThatAreNoKey() {
        assertTrue(isConfigVariable("CALLMATCH_IMPORT_SOURCES_FT_PORTAL_ENABLED"));
        assertTrue(isConfigVariable("CALLMATCH_SEARCH_POLL_INTERVAL"));
        assertTrue(isConfigVariable("CALLMATCH_HTTP_MAX_BODY_SIZE"));
        assertFalse(isConfigVariable("CALLMATCH_DATADIR"));
        assertFalse(isConfigVariable("CALLMATCH_SEARCH_POLL"));
        assertFalse(isConfigVariable("QUARKUS_HTTP_PROT"));
        try {
            assertConfigVariables("example", List.of("CALLMATCH_NO_SUCH_KEY"));
            fail("an unknown variable passes");
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage().contains("CALLMATCH_NO_SUCH_KEY"));
        }
    }
}
