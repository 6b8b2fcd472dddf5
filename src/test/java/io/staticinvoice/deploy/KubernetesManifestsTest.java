package io.staticinvoice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.config.AdminProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * Keeps the Kubernetes manifests in {@code deploy/kubernetes} true to the application they
 * deploy, since no cluster runs them here: ports against the Dockerfile and
 * {@code application.yaml}, probes against the actuator health groups, every environment variable
 * against the declared configuration properties, the termination grace period against the
 * graceful shutdown, the pod's security context, the node key and other Secrets against
 * {@code secret.example.yaml}, the Services against the pods (the management port, open without
 * an API key, on a ClusterIP Service of its own and on no other), the kustomization against the
 * directory, and that replicas are updated, disrupted and scheduled so that one always serves.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("deploy/kubernetes");
    private static final Path KUSTOMIZATION = MANIFESTS.resolve("kustomization.yaml");
    private static final String EXAMPLE_SUFFIX = ".example.yaml";
    private static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yaml");
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Pattern EXPOSE = Pattern.compile("^EXPOSE\\s+(.+)$", Pattern.MULTILINE);
    private static final Pattern USER = Pattern.compile("^USER\\s+(\\S+)\\s*$", Pattern.MULTILINE);
    private static final Pattern NODE_KEY = Pattern.compile("\\s*[0-9a-fA-F]{64}\\s*");
    private static final String DEPLOYMENT = "static-invoice-server";
    private static final String LIGHTNING_SERVICE = "static-invoice-server-lightning";
    private static final String ADMIN_SERVICE = "static-invoice-server-admin";
    static final String MANAGEMENT_SERVICE = "static-invoice-server-management";
    /**
     * Shutdown time beyond the web server's graceful phase: the Lightning gateway's own stop
     * (draining the workers for {@code sis.lightning.drain-timeout}, flushing peers' writes, closing
     * connections, event loops and workers: up to about 35 s), the mailbox's and closing the rest of
     * the context.
     */
    static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(60);

    private final Map<String, YamlNode> resources = new HashMap<>();
    private final Map<String, YamlNode> exampleSecrets = new HashMap<>();
    private final YamlNode application = YamlNode.document(APPLICATION_YAML);

    KubernetesManifestsTest() throws IOException {
        for (Path file : manifestFiles()) {
            boolean example = file.getFileName().toString().endsWith(EXAMPLE_SUFFIX);
            for (YamlNode resource : YamlNode.documents(file)) {
                String kind = resource.get("kind").text();
                String name = resource.get("metadata", "name").text();
                assertThat(example ? exampleSecrets.put(name, resource) : resources.put(kind + "/" + name, resource))
                        .as("%s %s defined twice", kind, name).isNull();
            }
        }
    }

    @Test
    void manifestsAreNamespaceAgnosticAndSecretsOnlyExamples() {
        resources.forEach((resource, manifest) -> {
            assertThat(manifest.find("metadata", "namespace")).as("%s: namespace", resource).isEmpty();
            assertThat(manifest.get("kind").text()).as("%s: Secrets belong in *%s", resource, EXAMPLE_SUFFIX)
                    .isNotEqualTo("Secret");
        });
        exampleSecrets.forEach((name, secret) -> {
            assertThat(secret.get("kind").text()).as("%s in *%s", name, EXAMPLE_SUFFIX).isEqualTo("Secret");
            assertThat(secret.find("metadata", "namespace")).as("Secret %s: namespace", name).isEmpty();
        });
    }

    @Test
    void kustomizationListsEveryManifest() throws IOException {
        Set<String> listed = YamlNode.document(KUSTOMIZATION).get("resources").items().stream()
                .map(YamlNode::text).collect(Collectors.toCollection(TreeSet::new));
        Set<String> deployable = manifestFiles().stream()
                .map(file -> file.getFileName().toString())
                .filter(name -> !name.endsWith(EXAMPLE_SUFFIX))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(deployable);
    }

    @Test
    void containerPortsAreTheDockerfilesAndTheApplicationsPorts() throws IOException {
        Map<String, Integer> ports = containerPorts();
        assertThat(Set.copyOf(ports.values())).as("container ports vs the Dockerfile's EXPOSE").isEqualTo(exposedPorts());
        assertThat(ports.get("http")).as("server.port").isEqualTo(application.get("server", "port").integer());
        assertThat(ports.get("management")).as("management.server.port").isEqualTo(managementPort())
                .isNotEqualTo(ports.get("http"));
        String listen = environment().getOrDefault("SIS_LIGHTNING_LISTEN",
                ConfigurationPropertyCatalog.load().defaultValue("sis.lightning.listen").orElseThrow());
        assertThat(ports.get("lightning")).as("port of sis.lightning.listen %s", listen)
                .isEqualTo(Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1)));
    }

    @Test
    void probesAskTheActuatorHealthGroups() {
        assertThat(application.get("management", "endpoint", "health", "probes", "enabled").value())
                .as("management.endpoint.health.probes.enabled").isEqualTo(true);
        String basePath = application.find("management", "endpoints", "web", "base-path")
                .map(YamlNode::text).orElse("/actuator");
        int managementPort = managementPort();
        Map<String, String> groupOfProbe = Map.of(
                "startupProbe", "liveness", "livenessProbe", "liveness", "readinessProbe", "readiness");
        groupOfProbe.forEach((probe, group) -> {
            YamlNode httpGet = container().get(probe, "httpGet");
            assertThat(httpGet.get("path").text()).as(probe).isEqualTo(basePath + "/health/" + group);
            assertThat(port(httpGet.get("port"))).as(probe + " port").isEqualTo(managementPort);
        });
    }

    @Test
    void everyEnvironmentVariableBindsAConfigurationProperty() throws IOException {
        assertThat(podSpec().get("enableServiceLinks").value())
                .as("enableServiceLinks (else Kubernetes adds a variable per Service)").isEqualTo(false);
        ConfigurationPropertyCatalog properties = ConfigurationPropertyCatalog.load();
        Set<String> variables = new TreeSet<>(environment().keySet());
        for (YamlNode source : container().find("envFrom").map(YamlNode::items).orElse(List.of())) {
            variables.addAll(secretData(source.get("secretRef", "name").text()).keySet());
        }
        assertThat(variables).isNotEmpty().allSatisfy(variable ->
                assertThat(properties.binds(variable)).as("%s binds a configuration property", variable).isTrue());
    }

    @Test
    void everySecretTheDeploymentReadsIsInTheExample() {
        for (YamlNode variable : container().get("env").items()) {
            variable.find("valueFrom", "secretKeyRef").ifPresent(reference -> assertThat(
                    secretData(reference.get("name").text())).containsKey(reference.get("key").text()));
        }
        for (YamlNode volume : podSpec().get("volumes").items()) {
            volume.find("secret").ifPresent(secret -> {
                Map<String, String> data = secretData(secret.get("secretName").text());
                secret.get("items").items().forEach(item -> assertThat(data).containsKey(item.get("key").text()));
            });
        }
    }

    @Test
    void exampleSecretsHoldPlaceholdersTheServerRejects() {
        List<String> apiKeys = exampleSecrets.keySet().stream()
                .flatMap(name -> secretData(name).entrySet().stream())
                .filter(entry -> entry.getKey().matches("SIS_ADMIN_API_KEYS_\\d+_KEY"))
                .map(Map.Entry::getValue)
                .toList();
        assertThat(apiKeys).as("example API keys").isNotEmpty()
                .allSatisfy(key -> assertThat(key).hasSizeLessThan(AdminProperties.MIN_KEY_LENGTH));
        SecretFile nodeKey = secretFile(environment().get("SIS_NODE_KEY_FILE"));
        assertThat(secretData(nodeKey.secretName()).get(nodeKey.key())).as("example node key").doesNotMatch(NODE_KEY);
    }

    @Test
    void everyReplicaReadsTheNodeKeyFromTheReadOnlySecret() {
        assertThat(environment()).as("one node key source").doesNotContainKey("SIS_NODE_PRIVATE_KEY");
        String keyFile = environment().get("SIS_NODE_KEY_FILE");
        assertThat(keyFile).as("SIS_NODE_KEY_FILE").isNotNull();
        assertThat(secretFile(keyFile).readOnly()).as("node key mount readOnly").isTrue();
    }

    @Test
    void terminationGraceCoversTheGracefulShutdown() {
        assertThat(application.get("server", "shutdown").text()).isEqualTo("graceful");
        Duration phase = DurationStyle.detectAndParse(
                application.get("spring", "lifecycle", "timeout-per-shutdown-phase").text());
        Duration preStop = container().find("lifecycle", "preStop", "exec", "command")
                .map(command -> {
                    List<String> words = command.items().stream().map(YamlNode::text).toList();
                    assertThat(words).as("preStop hook").hasSize(2).first().isEqualTo("sleep");
                    return Duration.ofSeconds(Long.parseLong(words.get(1)));
                })
                .orElse(Duration.ZERO);
        Duration grace = Duration.ofSeconds(podSpec().get("terminationGracePeriodSeconds").integer());
        assertThat(grace).as("terminationGracePeriodSeconds vs preStop %s + shutdown phase %s + margin %s",
                preStop, phase, SHUTDOWN_MARGIN).isGreaterThanOrEqualTo(preStop.plus(phase).plus(SHUTDOWN_MARGIN));
    }

    @Test
    void podRunsAsNonRootWithALockedDownContainer() throws IOException {
        Matcher user = USER.matcher(Files.readString(DOCKERFILE));
        assertThat(user.find()).as("Dockerfile USER").isTrue();
        String imageUser = user.group(1).split(":")[0];
        assertThat(imageUser).as("Dockerfile USER: numeric, so runAsNonRoot can check it").matches("[1-9][0-9]*");

        YamlNode pod = podSpec().get("securityContext");
        assertThat(pod.get("runAsNonRoot").value()).as("runAsNonRoot").isEqualTo(true);
        assertThat(pod.get("runAsUser").integer()).as("runAsUser is the image's USER").isEqualTo(Integer.parseInt(imageUser));
        assertThat(pod.get("seccompProfile", "type").text()).isEqualTo("RuntimeDefault");

        YamlNode container = container().get("securityContext");
        assertThat(container.get("allowPrivilegeEscalation").value()).as("allowPrivilegeEscalation").isEqualTo(false);
        assertThat(container.get("readOnlyRootFilesystem").value()).as("readOnlyRootFilesystem").isEqualTo(true);
        assertThat(container.get("capabilities", "drop").items()).extracting(YamlNode::text).containsExactly("ALL");
        assertThat(container.find("runAsUser")).as("container runAsUser overriding the pod's").isEmpty();

        String tmpVolume = container().get("volumeMounts").items().stream()
                .filter(mount -> mount.get("mountPath").text().equals("/tmp"))
                .map(mount -> mount.get("name").text())
                .findFirst().orElseThrow(() -> new AssertionError("/tmp must be writable: no volume mounted there"));
        assertThat(volume(tmpVolume).find("emptyDir")).as("/tmp volume is an emptyDir").isPresent();
    }

    @Test
    void rollingUpdatesKeepEveryReplicaServing() {
        assertThat(deployment().get("spec", "replicas").integer()).as("replicas").isEqualTo(2);
        YamlNode strategy = deployment().get("spec", "strategy");
        assertThat(strategy.get("type").text()).isEqualTo("RollingUpdate");
        assertThat(strategy.get("rollingUpdate", "maxUnavailable").value()).as("maxUnavailable").isEqualTo(0);
        assertThat(strategy.get("rollingUpdate", "maxSurge").value()).as("maxSurge").isEqualTo(1);
    }

    @Test
    void disruptionsLeaveAReplicaServing() {
        YamlNode budget = resource("PodDisruptionBudget", DEPLOYMENT).get("spec");
        assertThat(budget.get("minAvailable").value()).as("minAvailable").isEqualTo(1);
        assertThat(budget.find("maxUnavailable")).as("maxUnavailable beside minAvailable").isEmpty();
        assertThat(budget.get("minAvailable").integer()).as("fewer than the replicas, so that drains can proceed")
                .isLessThan(deployment().get("spec", "replicas").integer());
    }

    @Test
    void replicasPreferDifferentNodesAndSpreadOverZones() {
        Map<?, ?> podLabels = deployment().get("spec", "template", "metadata", "labels").map();
        assertThat(podSpec().find("affinity", "podAntiAffinity", "requiredDuringSchedulingIgnoredDuringExecution"))
                .as("required anti-affinity would leave replicas unscheduled on a small cluster").isEmpty();
        List<YamlNode> antiAffinity = podSpec()
                .get("affinity", "podAntiAffinity", "preferredDuringSchedulingIgnoredDuringExecution").items();
        assertThat(antiAffinity).as("preferred pod anti-affinity").hasSize(1);
        YamlNode term = antiAffinity.get(0).get("podAffinityTerm");
        assertThat(term.get("topologyKey").text()).isEqualTo("kubernetes.io/hostname");
        assertThat(term.get("labelSelector", "matchLabels").map()).isEqualTo(podLabels);

        List<YamlNode> spread = podSpec().get("topologySpreadConstraints").items();
        assertThat(spread).as("topology spread constraints").hasSize(1);
        assertThat(spread.get(0).get("topologyKey").text()).isEqualTo("topology.kubernetes.io/zone");
        assertThat(spread.get(0).get("whenUnsatisfiable").text()).isEqualTo("ScheduleAnyway");
        assertThat(spread.get(0).get("maxSkew").integer()).isEqualTo(1);
        assertThat(spread.get(0).get("labelSelector", "matchLabels").map()).isEqualTo(podLabels);
    }

    @Test
    void servicesAndDisruptionBudgetReachTheServerPods() {
        Map<?, ?> podLabels = deployment().get("spec", "template", "metadata", "labels").map();
        assertThat(deployment().get("spec", "selector", "matchLabels").map()).isEqualTo(podLabels);
        assertThat(resource("PodDisruptionBudget", DEPLOYMENT).get("spec", "selector", "matchLabels").map())
                .isEqualTo(podLabels);

        YamlNode lightning = resource("Service", LIGHTNING_SERVICE).get("spec");
        assertThat(lightning.get("type").text()).isEqualTo("LoadBalancer");
        assertThat(lightning.get("externalTrafficPolicy").text())
                .as("Local keeps peers' source IPs for the per-IP connection limit").isEqualTo("Local");
        assertThat(lightning.get("selector").map()).isEqualTo(podLabels);
        assertThat(targetPorts(lightning)).containsExactly(containerPorts().get("lightning"));

        YamlNode admin = resource("Service", ADMIN_SERVICE).get("spec");
        assertThat(admin.find("type").map(YamlNode::text)).as("admin API stays inside the cluster")
                .hasValue("ClusterIP");
        assertThat(admin.get("selector").map()).isEqualTo(podLabels);
        assertThat(targetPorts(admin)).containsExactly(containerPorts().get("http"));

        YamlNode management = resource("Service", MANAGEMENT_SERVICE).get("spec");
        assertThat(management.find("type").map(YamlNode::text)).as("the management port stays inside the cluster")
                .hasValue("ClusterIP");
        assertThat(management.get("selector").map()).isEqualTo(podLabels);
        assertThat(targetPorts(management)).containsExactly(managementPort());
    }

    @Test
    void onlyTheManagementServiceCarriesTheManagementPort() {
        resources.forEach((name, resource) -> {
            if (resource.get("kind").text().equals("Service") && !name.equals("Service/" + MANAGEMENT_SERVICE)) {
                assertThat(targetPorts(resource.get("spec"))).as("%s: health and metrics are open without a key", name)
                        .doesNotContain(managementPort());
            }
        });
    }

    /** {@code management.server.port}: the actuator's own port, which must be set apart from the admin API's. */
    private int managementPort() {
        return application.get("management", "server", "port").integer();
    }

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".yaml"))
                    .filter(file -> !file.equals(KUSTOMIZATION))
                    .sorted()
                    .toList();
        }
    }

    private static Set<Integer> exposedPorts() throws IOException {
        Set<Integer> ports = new TreeSet<>();
        Matcher expose = EXPOSE.matcher(Files.readString(DOCKERFILE));
        while (expose.find()) {
            for (String port : expose.group(1).trim().split("\\s+")) {
                ports.add(Integer.parseInt(port.replaceFirst("/tcp$", "")));
            }
        }
        return ports;
    }

    private YamlNode resource(String kind, String name) {
        YamlNode resource = resources.get(kind + "/" + name);
        assertThat(resource).as("%s %s", kind, name).isNotNull();
        return resource;
    }

    private YamlNode deployment() {
        return resource("Deployment", DEPLOYMENT);
    }

    private YamlNode podSpec() {
        return deployment().get("spec", "template", "spec");
    }

    private YamlNode container() {
        List<YamlNode> containers = podSpec().get("containers").items();
        assertThat(containers).as("containers").hasSize(1);
        return containers.get(0);
    }

    private YamlNode volume(String name) {
        return podSpec().get("volumes").items().stream()
                .filter(volume -> volume.get("name").text().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /** Container port numbers by name. */
    private Map<String, Integer> containerPorts() {
        return container().get("ports").items().stream()
                .collect(Collectors.toMap(port -> port.get("name").text(), port -> port.get("containerPort").integer()));
    }

    /** A port given by number or by the name of a container port. */
    private int port(YamlNode reference) {
        if (reference.value() instanceof Integer number) {
            return number;
        }
        Integer port = containerPorts().get(reference.text());
        assertThat(port).as("%s names a container port", reference.where()).isNotNull();
        return port;
    }

    private List<Integer> targetPorts(YamlNode serviceSpec) {
        return serviceSpec.get("ports").items().stream().map(port -> port(port.get("targetPort"))).toList();
    }

    /** The container's variables with their literal values ({@code null} for those taken from a Secret). */
    private Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (YamlNode variable : container().get("env").items()) {
            variables.put(variable.get("name").text(), variable.find("value").map(YamlNode::text).orElse(null));
        }
        return variables;
    }

    /** The keys and values of an example Secret. */
    private Map<String, String> secretData(String name) {
        YamlNode secret = exampleSecrets.get(name);
        assertThat(secret).as("Secret %s in *%s", name, EXAMPLE_SUFFIX).isNotNull();
        Map<String, String> data = new LinkedHashMap<>();
        secret.get("stringData").map().forEach((key, value) -> data.put(String.valueOf(key), String.valueOf(value)));
        return data;
    }

    /** The Secret volume item mounted at {@code file}. */
    private SecretFile secretFile(String file) {
        for (YamlNode mount : container().get("volumeMounts").items()) {
            String directory = mount.get("mountPath").text();
            Optional<YamlNode> secret = volume(mount.get("name").text()).find("secret");
            if (secret.isEmpty() || !file.startsWith(directory + "/")) {
                continue;
            }
            String path = file.substring(directory.length() + 1);
            for (YamlNode item : secret.get().get("items").items()) {
                if (item.get("path").text().equals(path)) {
                    return new SecretFile(secret.get().get("secretName").text(), item.get("key").text(),
                            mount.find("readOnly").map(readOnly -> readOnly.value().equals(true)).orElse(false));
                }
            }
        }
        throw new AssertionError(file + " is not a file of a mounted Secret volume");
    }

    /** A file in the container that holds one key of a Secret. */
    private record SecretFile(String secretName, String key, boolean readOnly) {
    }
}
