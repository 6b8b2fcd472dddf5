package io.staticinvoice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * Keeps {@code docker-compose.yml} and {@code .dockerignore} safe to run as they are: no secret
 * with a default (compose refuses to start until the operator supplies each one), the admin port
 * and the management port (health and metrics, open without a key) published on loopback only,
 * the image's health check on the management port, a stop grace period that covers the graceful shutdown, JSON logs,
 * memory limits, only known configuration variables, and a build context without build outputs
 * or keys.
 */
class DockerComposeTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final Path DOCKERIGNORE = Path.of(".dockerignore");
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yaml");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|_key)$");
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*:\\?[^}]+}");
    private static final Pattern HEALTHCHECK = Pattern.compile("^HEALTHCHECK\\s+((?:.*\\\\\\n)*.*)$", Pattern.MULTILINE);
    private static final Pattern BUILD_COPY = Pattern.compile("^COPY\\s+(?!--from)(.+)\\s+\\S+$", Pattern.MULTILINE);

    private final YamlNode compose = YamlNode.document(COMPOSE);
    private final YamlNode application = YamlNode.document(APPLICATION_YAML);

    DockerComposeTest() throws IOException {
    }

    @Test
    void everySecretMustBeSuppliedByTheOperator() {
        for (Map.Entry<?, ?> service : compose.get("services").map().entrySet()) {
            compose.find("services", service.getKey().toString(), "environment").ifPresent(environment ->
                    environment.map().forEach((name, value) -> {
                        if (SECRET_NAME.matcher(name.toString()).matches()) {
                            assertThat(String.valueOf(value)).as("%s of %s", name, service.getKey())
                                    .matches(REQUIRED_VARIABLE);
                        }
                    }));
        }
    }

    @Test
    void theAdminPortIsPublishedOnLoopbackOnlyAndLightningEverywhere() {
        int adminPort = application.get("server", "port").integer();
        List<String> published = server().get("ports").items().stream().map(YamlNode::text).toList();

        assertThat(published).filteredOn(port -> port.endsWith(":" + adminPort))
                .as("the admin API's port").containsExactly("127.0.0.1:" + adminPort + ":" + adminPort);
        assertThat(published).as("Lightning for wallets and payers").contains("9735:9735");
        assertThat(published).as("every port other than Lightning on loopback")
                .allSatisfy(port -> assertThat(port.equals("9735:9735") || port.startsWith("127.0.0.1:")).isTrue());
    }

    @Test
    void theManagementPortIsAPortOfItsOwnOnLoopbackAndTheHealthCheckAsksIt() throws IOException {
        int adminPort = application.get("server", "port").integer();
        int managementPort = application.get("management", "server", "port").integer();
        List<String> published = server().get("ports").items().stream().map(YamlNode::text).toList();

        assertThat(managementPort).as("health and metrics are open without a key").isNotEqualTo(adminPort);
        assertThat(published).filteredOn(port -> port.endsWith(":" + managementPort))
                .as("the management port").containsExactly("127.0.0.1:" + managementPort + ":" + managementPort);
        assertThat(server().find("healthcheck")).as("compose keeps the image's HEALTHCHECK").isEmpty();
        Matcher healthCheck = HEALTHCHECK.matcher(Files.readString(DOCKERFILE));
        assertThat(healthCheck.find()).as("Dockerfile HEALTHCHECK").isTrue();
        assertThat(healthCheck.group(1)).as("Dockerfile HEALTHCHECK")
                .contains("http://127.0.0.1:" + managementPort + "/actuator/health/liveness");
    }

    @Test
    void theStopGracePeriodCoversTheGracefulShutdown() {
        Duration phase = DurationStyle.detectAndParse(
                application.get("spring", "lifecycle", "timeout-per-shutdown-phase").text());
        Duration grace = DurationStyle.detectAndParse(server().get("stop_grace_period").text());

        assertThat(grace).isGreaterThanOrEqualTo(phase.plus(KubernetesManifestsTest.SHUTDOWN_MARGIN));
    }

    @Test
    void logsAreJsonAndEveryServiceHasAMemoryLimit() {
        assertThat(server().get("environment", "LOGGING_STRUCTURED_FORMAT_CONSOLE").text()).isEqualTo("ecs");
        for (Object service : compose.get("services").map().keySet()) {
            assertThat(compose.get("services", service.toString(), "deploy", "resources", "limits", "memory").text())
                    .as("memory limit of %s", service).matches("\\d+[MG]");
        }
    }

    @Test
    void everyVariableOfTheServerBindsAConfigurationProperty() throws IOException {
        ConfigurationPropertyCatalog properties = ConfigurationPropertyCatalog.load();
        assertThat(server().get("environment").map().keySet()).allSatisfy(variable ->
                assertThat(properties.binds(variable.toString())).as("%s binds a configuration property", variable).isTrue());
    }

    @Test
    void theBuildContextHoldsOnlyWhatTheBuildCopies() throws IOException {
        List<String> rules = Files.readAllLines(DOCKERIGNORE).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        List<String> copied = new ArrayList<>();
        Matcher copy = BUILD_COPY.matcher(Files.readString(DOCKERFILE));
        while (copy.find()) {
            for (String source : copy.group(1).trim().split("\\s+")) {
                copied.add(source);
            }
        }

        assertThat(rules.get(0)).as("everything excluded first").isEqualTo("*");
        assertThat(rules.stream().filter(rule -> rule.startsWith("!")).map(rule -> rule.substring(1).replaceAll("/$", "")))
                .as("re-included: exactly what the Dockerfile's build stage copies")
                .containsExactlyInAnyOrderElementsOf(copied);
        assertThat(rules).as("key files never, even under src/").contains("**/*.key");
    }

    private YamlNode server() {
        return compose.get("services", "server");
    }
}
