package io.staticinvoice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.staticinvoice.support.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard ({@code deploy/grafana}), the Prometheus alert rules and the
 * ServiceMonitor ({@code deploy/prometheus}) against the application as it starts: every series
 * they query exists in {@code /actuator/prometheus} before any traffic (every meter is registered
 * at zero), each rule is complete, and the ServiceMonitor selects the management Service alone and
 * scrapes, without an API key, what the management port serves.
 */
@IntegrationTest
class MonitoringAssetsTest {

    private static final Path DASHBOARD = Path.of("deploy/grafana/static-invoice-server.json");
    private static final Path ALERTS = Path.of("deploy/prometheus/alerts.yaml");
    private static final Path SERVICE_MONITOR = Path.of("deploy/prometheus/servicemonitor.example.yaml");
    private static final Path MANIFESTS = Path.of("deploy/kubernetes");
    private static final Path DEPLOYMENT = MANIFESTS.resolve("deployment.yaml");
    private static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yaml");
    private static final Pattern METRIC = Pattern.compile("\\b((?:sis|hikaricp|jvm|process)_[a-z_]+)\\b");
    private static final Pattern SELECTOR = Pattern.compile("\\b(reason|outcome|type)=\"([a-z_.]+)\"");

    @Autowired PrometheusMeterRegistry prometheus;
    @LocalManagementPort int managementPort;

    @Test
    void everySeriesTheDashboardAndAlertsQueryExistsFromTheStart() throws IOException {
        List<String> expressions = new ArrayList<>(dashboardExpressions());
        alertRules().forEach(rule -> expressions.add(rule.get("expr").text()));
        String scrape = prometheus.scrape();

        Set<String> missing = new TreeSet<>();
        for (String expression : expressions) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                if (!Pattern.compile("(?m)^" + metric.group(1) + "[{ ]").matcher(scrape).find()) {
                    missing.add(metric.group(1));
                }
            }
            Matcher selector = SELECTOR.matcher(expression);
            while (selector.find()) {
                if (!scrape.contains(selector.group(1) + "=\"" + selector.group(2) + "\"")) {
                    missing.add(selector.group());
                }
            }
        }
        assertThat(expressions).hasSizeGreaterThan(10);
        assertThat(missing).as("series queried but not in /actuator/prometheus at start").isEmpty();
    }

    @Test
    void everyGatewayMeterIsRegisteredAtZero() {
        String scrape = prometheus.scrape();
        for (Enum<?> reason : io.staticinvoice.gateway.GatewayMetrics.Drop.values()) {
            assertThat(scrape).contains("sis_gateway_drops_total{reason=\"" + reason.name().toLowerCase(Locale.ROOT) + "\"");
        }
        for (Enum<?> reason : io.staticinvoice.gateway.GatewayMetrics.Disconnect.values()) {
            assertThat(scrape).contains("sis_gateway_disconnects_total{reason=\"" + reason.name().toLowerCase(Locale.ROOT) + "\"");
        }
        for (Enum<?> reason : io.staticinvoice.gateway.GatewayMetrics.HandshakeFailure.values()) {
            assertThat(scrape).contains("sis_gateway_handshakes_failed_total{reason=\"" + reason.name().toLowerCase(Locale.ROOT) + "\"");
        }
        assertThat(scrape).contains("sis_gateway_messages_in_total{type=\"onion_message\"",
                "sis_gateway_messages_out_total{type=\"onion_message\"", "sis_protocol_requests_total{outcome=\"served\"",
                "sis_gateway_mailbox_size", "sis_gateway_peers_connected", "sis_gateway_handshakes_completed_total");
    }

    @Test
    void everyAlertRuleIsComplete() throws IOException {
        List<YamlNode> rules = alertRules();
        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.get("alert").text()).matches("StaticInvoiceServer[A-Za-z]+");
            assertThat(rule.get("for").text()).matches("\\d+[smh]");
            assertThat(rule.get("labels", "severity").text()).isIn("critical", "warning");
            assertThat(rule.get("annotations", "summary").text()).isNotBlank();
        });
    }

    @Test
    void theServiceMonitorScrapesTheManagementPortWithoutAKey() throws Exception {
        YamlNode monitor = YamlNode.document(SERVICE_MONITOR);
        Map<?, ?> selector = monitor.get("spec", "selector", "matchLabels").map();
        List<YamlNode> endpoints = monitor.get("spec", "endpoints").items();
        assertThat(endpoints).hasSize(1);
        YamlNode endpoint = endpoints.get(0);
        assertThat(endpoint.find("authorization")).as("the management port needs no key").isEmpty();

        YamlNode deployment = YamlNode.document(DEPLOYMENT);
        YamlNode containerPort = deployment.get("spec", "template", "spec", "containers").items().get(0).get("ports")
                .items().stream().filter(port -> port.get("name").text().equals("management")).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named management"));
        assertThat(containerPort.get("containerPort").integer()).as("management.server.port")
                .isEqualTo(YamlNode.document(APPLICATION_YAML).get("management", "server", "port").integer());

        List<String> scraped = new ArrayList<>();
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file : files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList()) {
                for (YamlNode service : YamlNode.documents(file)) {
                    if (!service.get("kind").text().equals("Service") || !selected(service, selector)) {
                        continue;
                    }
                    YamlNode port = service.get("spec", "ports").items().stream()
                            .filter(candidate -> candidate.get("name").text().equals(endpoint.get("port").text()))
                            .findFirst().orElseThrow(() -> new AssertionError(service.get("metadata", "name").text()
                                    + " is selected but has no port " + endpoint.get("port").text()));
                    assertThat(port.get("targetPort").text()).isEqualTo("management");
                    scraped.add(service.get("metadata", "name").text());
                }
            }
        }
        assertThat(scraped).as("Services the ServiceMonitor selects").containsExactly(
                KubernetesManifestsTest.MANAGEMENT_SERVICE);

        String path = endpoint.get("path").text();
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).as("GET %s on the management port without a key", path).isEqualTo(200);
        assertThat(scrape.body()).contains("sis_protocol_requests_total{outcome=\"served\"");
    }

    /** Whether the Service carries every label of the selector. */
    private static boolean selected(YamlNode service, Map<?, ?> selector) {
        Map<?, ?> labels = service.get("metadata", "labels").map();
        return selector.entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(DASHBOARD.toFile());
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.path("title").asString()).isNotBlank();
            for (JsonNode target : panel.get("targets")) {
                expressions.add(target.get("expr").asString());
            }
        }
        return expressions;
    }

    private static List<YamlNode> alertRules() throws IOException {
        List<YamlNode> rules = new ArrayList<>();
        for (YamlNode group : YamlNode.document(ALERTS).get("groups").items()) {
            rules.addAll(group.get("rules").items());
        }
        return rules;
    }
}
