package eu.callmatch.deploy;

import eu.callmatch.users.service.UserBootstrap;
import eu.callmatch.users.service.UserService;
import eu.callmatch.common.config.CallmatchConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static eu.callmatch.deploy.DeployManifestsTest.LIVE;
import static eu.callmatch.deploy.DeployManifestsTest.READY;
import static eu.callmatch.deploy.DeployManifestsTest.STARTED;
import static eu.callmatch.deploy.DeployManifestsTest.assertKeepsTheImagesJavaOptions;
import static eu.callmatch.deploy.DeployManifestsTest.at;
import static eu.callmatch.deploy.DeployManifestsTest.env;
import static eu.callmatch.deploy.DeployManifestsTest.envFile;
import static eu.callmatch.deploy.DeployManifestsTest.list;
import static eu.callmatch.deploy.DeployManifestsTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Follows the README's Kubernetes steps on a copy of deploy/k8s (the env files copied from their examples and filled
 * in), renders the base and the production overlay with {@code kubectl kustomize}, and checks what a cluster would
 * get: Secrets with the installer's values that the service accepts, replicas, probes, the "restricted" Pod Security
 * Standard, a read-only root file system with every path the service writes to mounted. Skipped where kubectl is
 * missing (Debian: apt-get install kubernetes-client; .ci/run installs it).
 */
class KustomizeRenderTest {

    static Path kubectl;

    @TempDir
    Path work;

    @BeforeAll
    static void findKubectl() {
        kubectl = Stream.of(Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin").split(":"))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(kubectl != null, "kubectl is not installed, so the Kubernetes manifests are not rendered: "
                + "apt-get install kubernetes-client (Debian), or see https://kubernetes.io/docs/tasks/tools/");
    }

    record Rendered(String text, List<Map<String, Object>> objects) {
        Map<String, Object> one(String kind, String name) {
            return objects.stream().filter(o -> kind.equals(o.get("kind")))
                    .filter(o -> name.equals(at(o, "metadata.name", kind))).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
        }
    }

    /** The README's steps: cp <file>.env.example <file>.env, then fill in what the example leaves empty. */
    Path install(Map<String, String> filledIn) throws IOException {
        Path k8s = work.resolve("k8s");
        try (Stream<Path> files = Files.walk(DeployManifestsTest.DEPLOY.resolve("k8s"))) {
            for (Path file : files.toList()) {
                Path target = k8s.resolve(DeployManifestsTest.DEPLOY.resolve("k8s").relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().endsWith(".env")) { // a developer's own values stay out
                    Files.copy(file, target);
                }
            }
        }
        try (Stream<Path> files = Files.list(k8s.resolve("base"))) {
            for (Path example : files.filter(f -> f.toString().endsWith(".env.example")).toList()) {
                List<String> lines = new ArrayList<>();
                for (String line : Files.readAllLines(example)) {
                    int eq = line.indexOf('=');
                    boolean empty = !line.startsWith("#") && eq > 0 && eq == line.length() - 1;
                    lines.add(empty && filledIn.containsKey(line.substring(0, eq)) ? line + filledIn.get(line.substring(0, eq)) : line);
                }
                String name = example.getFileName().toString();
                Files.write(example.resolveSibling(name.substring(0, name.length() - ".example".length())), lines);
            }
        }
        return k8s;
    }

    static final Map<String, String> PASSWORDS = Map.of(
            "QUARKUS_DATASOURCE_PASSWORD", "db-password-of-the-installer",
            "CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_PASSWORD", "admin-password-of-the-installer");

    static Rendered render(Path dir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                .redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize finished");
        assertEquals(0, process.exitValue(), "kubectl kustomize " + dir + ": " + err);
        String text = new String(out, StandardCharsets.UTF_8);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (doc != null) {
                objects.add(map(doc, dir.toString()));
            }
        }
        return new Rendered(text, objects);
    }

    @Test
    void theBaseRendersTwoReplicasThatWouldStart() throws Exception {
        Rendered base = render(install(PASSWORDS).resolve("base"));
        checkPods(base, "base", 2);
    }

    @Test
    void productionRendersThreeReplicasBehindTheIngressWithForwardedAddresses() throws Exception {
        Rendered production = render(install(PASSWORDS).resolve("overlays/production"));
        checkPods(production, "production", 3);
        for (Map<String, Object> object : production.objects()) {
            assertEquals("callmatch", at(object, "metadata.namespace", "production " + object.get("kind")));
        }
        production.one("Ingress", "callmatch");
        // behind the Ingress the throttle counts the callers' forwarded addresses, believed from the proxies only
        Map<String, Object> config = map(at(production.one("ConfigMap", "callmatch-config"), "data", "production"), "data");
        assertEquals("true", config.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING"));
        assertEquals("true", config.get("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED"));
        String trusted = String.valueOf(config.get("QUARKUS_HTTP_PROXY_TRUSTED_PROXIES"));
        assertTrue(trusted.matches("[0-9a-fA-F.:/,]+") && !trusted.contains("0.0.0.0/0") && !trusted.contains("::/0"),
                "production trusts X-Forwarded-For from named proxies only: " + trusted);
        String image = String.valueOf(containers(production.one("Deployment", "callmatch")).get(0).get("image"));
        assertFalse(image.endsWith(":latest") || !image.contains(":"), "production pins the image: " + image);
    }

    /** Skipping a step of the README (no env file) stops the rendering: nothing half-configured reaches the cluster. */
    @Test
    void withoutTheEnvFilesNothingRenders() throws Exception {
        Path k8s = install(PASSWORDS);
        Files.delete(k8s.resolve("base/admin.env"));
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", k8s.resolve("overlays/production").toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, process.exitValue(), "rendered without admin.env: " + out);
        assertTrue(out.contains("admin.env"), out);
    }

    /** Copied but not filled in: the Secret renders, and the service refuses to start on it, naming the key. */
    @Test
    void anExampleCopiedWithoutItsPasswordIsRefusedByTheService() throws Exception {
        Rendered base = render(install(Map.of()).resolve("base"));
        Map<String, String> admin = secret(base, "callmatch-admin");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> UserBootstrap.bootstrapAdmin(bootstrapAdmin(admin)));
        assertTrue(e.getMessage().contains("CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_PASSWORD"), e.getMessage());
    }

    void checkPods(Rendered rendered, String where, int replicas) throws IOException {
        assertFalse(rendered.text().contains("REPLACE_ME"), where + ": a placeholder is rendered");

        // the Secrets hold the installer's values, every key of the examples, and the service would take them
        Map<String, String> db = secret(rendered, "callmatch-db");
        Map<String, String> admin = secret(rendered, "callmatch-admin");
        Path base = DeployManifestsTest.DEPLOY.resolve("k8s/base");
        assertEquals(envFile(base.resolve("db.env.example")).keySet(), db.keySet());
        assertEquals(envFile(base.resolve("admin.env.example")).keySet(), admin.keySet());
        assertEquals(PASSWORDS.get("QUARKUS_DATASOURCE_PASSWORD"), db.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertFalse(db.get("QUARKUS_DATASOURCE_USERNAME").isBlank());
        assertTrue(UserBootstrap.bootstrapAdmin(bootstrapAdmin(admin)).isPresent(), where + ": the first admin is made");
        assertTrue(admin.get("CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_PASSWORD").length() >= UserService.MIN_PASSWORD);

        Map<String, Object> deployment = rendered.one("Deployment", "callmatch");
        assertEquals(replicas, ((Number) at(deployment, "spec.replicas", where)).intValue(), where + ": replicas");
        Map<String, Object> pod = map(at(deployment, "spec.template.spec", where), where);
        Map<String, Object> podLabels = map(at(deployment, "spec.template.metadata.labels", where), where);
        List<Map<String, Object>> containers = containers(deployment);
        assertEquals(1, containers.size());
        Map<String, Object> container = containers.get(0);

        // every Secret and ConfigMap the pod reads is rendered under the name it uses
        for (Object from : list(at(container, "envFrom", where), where)) {
            Map<String, Object> source = map(from, where);
            if (source.containsKey("secretRef")) {
                rendered.one("Secret", String.valueOf(at(source, "secretRef.name", where)));
            } else {
                rendered.one("ConfigMap", String.valueOf(at(source, "configMapRef.name", where)));
            }
        }

        assertEquals(STARTED, at(container, "startupProbe.httpGet.path", where));
        assertEquals(LIVE, at(container, "livenessProbe.httpGet.path", where));
        assertEquals(READY, at(container, "readinessProbe.httpGet.path", where));

        // the "restricted" Pod Security Standard (https://kubernetes.io/docs/concepts/security/pod-security-standards/)
        assertEquals(Boolean.TRUE, at(pod, "securityContext.runAsNonRoot", where), where + ": runAsNonRoot");
        assertNotEquals(0, at(pod, "securityContext.runAsUser", where), where + ": not uid 0");
        assertEquals("RuntimeDefault", at(pod, "securityContext.seccompProfile.type", where));
        assertEquals(Boolean.FALSE, at(container, "securityContext.allowPrivilegeEscalation", where));
        assertEquals(List.of("ALL"), at(container, "securityContext.capabilities.drop", where));
        Map<String, Object> containerSecurity = map(at(container, "securityContext", where), where);
        assertFalse(containerSecurity.containsKey("capabilities") && map(containerSecurity.get("capabilities"), where).containsKey("add"),
                where + ": no capability added");
        assertFalse(Boolean.TRUE.equals(containerSecurity.get("privileged")), where + ": not privileged");
        for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
            assertFalse(Boolean.TRUE.equals(pod.get(host)), where + ": " + host);
        }

        // a read-only root file system, with every path the service writes to on a volume of the pod
        assertEquals(Boolean.TRUE, at(container, "securityContext.readOnlyRootFilesystem", where));
        Map<String, Object> volumes = new LinkedHashMap<>();
        list(at(pod, "volumes", where), where).forEach(v -> volumes.put(String.valueOf(map(v, where).get("name")), v));
        volumes.values().forEach(v -> assertFalse(map(v, where).containsKey("hostPath"), where + ": a hostPath volume"));
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object m : list(at(container, "volumeMounts", where), where)) {
            Map<String, Object> mount = map(m, where);
            assertFalse(Boolean.TRUE.equals(mount.get("readOnly")), where + ": " + mount);
            assertTrue(volumes.containsKey(String.valueOf(mount.get("name"))), where + ": mounts a missing volume " + mount);
            mounts.put(String.valueOf(mount.get("mountPath")), String.valueOf(mount.get("name")));
        }
        Map<String, String> env = env(container, where);
        String dataDir = String.valueOf(at(rendered.one("ConfigMap", "callmatch-config"), "data.CALLMATCH_DATA_DIR", where));
        for (String path : List.of(dataDir, "/tmp", env.getOrDefault("DJL_CACHE_DIR", "(DJL_CACHE_DIR unset: $HOME)"))) {
            assertTrue(mounts.keySet().stream().anyMatch(m -> path.equals(m) || path.startsWith(m + "/")),
                    where + ": " + path + " is written to and is on no volume: " + mounts);
        }
        assertKeepsTheImagesJavaOptions(where, env.get("JAVA_OPTS_APPEND"));

        // the replicas spread over nodes: each constraint selects this Deployment's pods
        List<Object> spread = list(at(pod, "topologySpreadConstraints", where), where);
        Set<String> keys = new java.util.TreeSet<>();
        for (Object c : spread) {
            Map<String, Object> constraint = map(c, where);
            keys.add(String.valueOf(constraint.get("topologyKey")));
            map(at(constraint, "labelSelector.matchLabels", where), where).forEach((label, value) ->
                    assertEquals(value, podLabels.get(label), where + ": the spread selects the pods by " + label));
        }
        assertTrue(keys.contains("kubernetes.io/hostname"), where + ": spread over nodes " + keys);
    }

    static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        return list(at(deployment, "spec.template.spec.containers", "Deployment"), "containers").stream()
                .map(c -> map(c, "container")).toList();
    }

    static Map<String, String> secret(Rendered rendered, String name) {
        Map<String, Object> secret = rendered.one("Secret", name);
        Map<String, String> values = new LinkedHashMap<>();
        Object data = secret.get("data");
        if (data != null) {
            map(data, name).forEach((k, v) -> values.put(k,
                    new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8)));
        }
        Object stringData = secret.get("stringData");
        if (stringData != null) {
            map(stringData, name).forEach((k, v) -> values.put(k, String.valueOf(v)));
        }
        return values;
    }

    static CallmatchConfig.Security.BootstrapAdmin bootstrapAdmin(Map<String, String> secret) {
        return new CallmatchConfig.Security.BootstrapAdmin() {
            @Override
            public Optional<String> username() {
                return Optional.ofNullable(secret.get("CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_USERNAME"));
            }

            @Override
            public Optional<String> password() {
                return Optional.ofNullable(secret.get("CALLMATCH_SECURITY_BOOTSTRAP_ADMIN_PASSWORD"));
            }
        };
    }
}
