package io.staticinvoice.admin;

import static io.staticinvoice.admin.TestApiKeys.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.support.IntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class NodeControllerTest {

    @Autowired WebApplicationContext context;
    @Autowired LightningGateway gateway;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void showsTheNodeIdListenerAndConnectedPeers() throws Exception {
        MockMvc mvc = AdminTestData.mockMvc(context);
        LightningProperties.Lightning clientSettings = new Binder(new MapConfigurationPropertySource(
                Map.of("sis.lightning.listen", "127.0.0.1:0", "sis.lightning.event-loop-threads", "1")))
                .bindOrCreate("sis", LightningProperties.class).lightning();
        LightningGateway client = new LightningGateway(PrivateKey.random(), clientSettings,
                new GatewayMetrics(new SimpleMeterRegistry()));
        client.start((from, message) -> { });
        try {
            client.connect(gateway.nodeId(), gateway.boundAddress()).get(5, TimeUnit.SECONDS);
            Awaitility.await("the client registered").atMost(Duration.ofSeconds(10))
                    .until(() -> gateway.peers().isConnected(client.nodeId()));

            JsonNode node = json.readTree(mvc.perform(get("/api/v1/node").with(viewer()))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

            assertThat(node.get("nodeId").asString()).isEqualTo(gateway.nodeId().hex());
            assertThat(node.get("listenAddresses").get(0).asString())
                    .isEqualTo("127.0.0.1:" + gateway.boundAddress().getPort());
            JsonNode peer = null;
            for (JsonNode candidate : node.get("peers")) {
                if (candidate.get("nodeId").asString().equals(client.nodeId().hex())) {
                    peer = candidate;
                }
            }
            assertThat(peer).as("the connected client is listed").isNotNull();
            assertThat(peer.get("direction").asString()).isEqualTo("INBOUND");
            assertThat(peer.get("connectedAt").asString()).isNotBlank();
            assertThat(peer.get("address").asString()).startsWith("127.0.0.1:");
        } finally {
            client.stop();
        }
    }

    @Test
    void showsEachPublicAddressAsAUriToPaste() {
        LightningProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "sis.lightning.public-addresses[0]", "node.example.com:9735",
                "sis.lightning.public-addresses[1]", "[2001:db8::7]:9736")))
                .bindOrCreate("sis", LightningProperties.class);

        NodeResponse node = new NodeController(gateway, properties).node();

        assertThat(node.uris()).containsExactly(gateway.nodeId().hex() + "@node.example.com:9735",
                gateway.nodeId().hex() + "@[2001:db8::7]:9736");
        assertThat(new NodeController(gateway, new Binder().bindOrCreate("sis", LightningProperties.class)).node().uris())
                .as("none configured").isEmpty();
    }

    @Test
    void requiresAnApiKey() throws Exception {
        AdminTestData.mockMvc(context).perform(get("/api/v1/node")).andExpect(status().isUnauthorized());
    }
}
