package io.staticinvoice.check;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.wire.NodeId;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the admin REST API (README "Admin API", {@code /v3/api-docs}) on the JDK's
 * {@link HttpClient}, with the calls the deployment check and the load generator make: the node,
 * recipient registration and revocation, the invoices stored for a recipient, and the request
 * outcome counters of {@code /api/v1/stats}. An answer other than 2xx is an {@link AdminApiException}.
 */
public final class AdminClient {

    private final URI base;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    /** A client of the API at {@code base} (e.g. {@code http://host:8080}) calling with {@code apiKey}. */
    public AdminClient(URI base, String apiKey, Duration timeout) {
        this.base = base;
        this.authorization = "Bearer " + apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The API answered a call with a status other than 2xx. */
    public static final class AdminApiException extends IOException {
        private final int status;

        AdminApiException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** {@code GET /api/v1/node}: the node id and the {@code nodeid@host:port} URIs it is reached at. */
    public record Node(NodeId nodeId, List<String> uris) {
    }

    /** A registered recipient: its id and the server paths its wallet sends OfferPathsRequest over. */
    public record Registered(String recipientId, List<BlindedMessagePath> serverPaths) {
    }

    /** A stored invoice as {@code GET /api/v1/invoices/{id}} shows it: id, status and bytes (hex). */
    public record Invoice(long id, String status, String invoiceHex) {
    }

    /** {@code GET /api/v1/node}. */
    public Node node() throws IOException, InterruptedException, DecodeException {
        JsonNode answer = call(request("/api/v1/node").GET());
        List<String> uris = new ArrayList<>();
        answer.path("uris").forEach(uri -> uris.add(uri.asString()));
        return new Node(NodeId.fromHex(answer.path("nodeId").asString()), List.copyOf(uris));
    }

    /** {@code POST /api/v1/recipients} with a label and {@code maxSlots} invoice slots. */
    public Registered register(String label, int maxSlots) throws IOException, InterruptedException, DecodeException {
        JsonNode answer = call(request("/api/v1/recipients").header("Content-Type", "application/json")
                .POST(body(Map.of("label", label, "maxSlots", maxSlots))));
        return new Registered(answer.path("recipientId").asString(),
                BlindedMessagePath.decodeList(Hex.decode(answer.path("serverPaths").asString())));
    }

    /** {@code POST /api/v1/recipients/{id}/revoke}: the recipient's status afterwards. */
    public String revokeRecipient(String recipientId) throws IOException, InterruptedException {
        return call(request("/api/v1/recipients/" + recipientId + "/revoke").POST(HttpRequest.BodyPublishers.noBody()))
                .path("status").asString();
    }

    /** {@code GET /api/v1/recipients/{id}}: the recipient's status. */
    public String recipientStatus(String recipientId) throws IOException, InterruptedException {
        return call(request("/api/v1/recipients/" + recipientId).GET()).path("status").asString();
    }

    /** {@code GET /api/v1/invoices?recipient=}: the ids of the recipient's stored invoices, newest first. */
    public List<Long> invoiceIds(String recipientId) throws IOException, InterruptedException {
        JsonNode page = call(request("/api/v1/invoices?recipient="
                + URLEncoder.encode(recipientId, StandardCharsets.UTF_8)).GET());
        List<Long> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }

    /** {@code GET /api/v1/invoices/{id}}. */
    public Invoice invoice(long id) throws IOException, InterruptedException {
        JsonNode answer = call(request("/api/v1/invoices/" + id).GET());
        return new Invoice(id, answer.path("status").asString(), answer.path("invoiceHex").asString());
    }

    /** {@code POST /api/v1/invoices/{id}/approve}. */
    public void approveInvoice(long id) throws IOException, InterruptedException {
        call(request("/api/v1/invoices/" + id + "/approve").POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** {@code POST /api/v1/invoices/{id}/revoke} with {@code reason}: the invoice's status afterwards. */
    public String revokeInvoice(long id, String reason) throws IOException, InterruptedException {
        return call(request("/api/v1/invoices/" + id + "/revoke").header("Content-Type", "application/json")
                .POST(body(Map.of("reason", reason)))).path("status").asString();
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

    private HttpRequest.BodyPublisher body(Map<String, ?> fields) {
        return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(fields));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Authorization", authorization);
    }

    private JsonNode call(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String what = response.request().method() + " " + response.uri().getPath();
        if (response.statusCode() / 100 != 2) {
            throw new AdminApiException(what + " answered " + response.statusCode() + problemDetail(response.body()),
                    response.statusCode());
        }
        try {
            return json.readTree(response.body());
        } catch (JacksonException e) {
            throw new IOException(what + " answered a body that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** ": detail" from a problem+json body, or nothing. */
    private String problemDetail(String body) {
        try {
            JsonNode problem = json.readTree(body);
            String detail = problem.path("detail").asString("");
            String title = problem.path("title").asString("");
            String text = detail.isBlank() ? title : detail;
            return text.isBlank() ? "" : ": " + text;
        } catch (JacksonException e) {
            return "";
        }
    }
}
