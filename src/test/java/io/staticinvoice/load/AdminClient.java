package io.staticinvoice.load;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.wire.NodeId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few admin API calls the load generator makes (README "Admin API"): the node id, recipient
 * registration and the request outcome counters of {@code /api/v1/stats}.
 */
public final class AdminClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public AdminClient(URI base, String apiKey) {
        this.base = base;
        this.authorization = "Bearer " + apiKey;
    }

    /** A registered recipient: its id and the server paths its wallet sends OfferPathsRequest over. */
    public record Registered(String recipientId, List<BlindedMessagePath> serverPaths) {
    }

    /** {@code GET /api/v1/node}: the server's node id. */
    public NodeId nodeId() throws IOException, InterruptedException, DecodeException {
        return NodeId.fromHex(call(request("/api/v1/node").GET()).path("nodeId").asString());
    }

    /** {@code POST /api/v1/recipients} with a label and one invoice slot. */
    public Registered register(String label) throws IOException, InterruptedException, DecodeException {
        String body = json.writeValueAsString(Map.of("label", label, "maxSlots", 1));
        JsonNode answer = call(request("/api/v1/recipients")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        return new Registered(answer.path("recipientId").asString(),
                BlindedMessagePath.decodeList(Hex.decode(answer.path("serverPaths").asString())));
    }

    /**
     * The protocol request outcomes of the last hour ({@code /api/v1/stats}'s
     * {@code requestsLastHour}): {@code served}, {@code dropped.<reason>} and every other outcome.
     */
    public Map<String, Long> outcomes() throws IOException, InterruptedException {
        JsonNode requests = call(request("/api/v1/stats").GET()).path("requestsLastHour");
        Map<String, Long> outcomes = new TreeMap<>();
        outcomes.put("served", requests.path("served").asLong());
        requests.path("droppedByReason").properties()
                .forEach(entry -> outcomes.put("dropped." + entry.getKey(), entry.getValue().asLong()));
        requests.path("otherOutcomes").properties()
                .forEach(entry -> outcomes.put(entry.getKey(), entry.getValue().asLong()));
        return outcomes;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Authorization", authorization);
    }

    private JsonNode call(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
