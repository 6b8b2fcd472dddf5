package io.staticinvoice.check;

import io.staticinvoice.gateway.HostPort;
import io.staticinvoice.gateway.PeerUri;
import io.staticinvoice.lightning.wire.NodeId;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options of the {@code check} command (README "Checking a deployment").
 *
 * @param url       the admin API's base URL, e.g. {@code http://sis:8080}
 * @param apiKey    an API key of the admin API ({@code --api-key}, else the {@value #API_KEY_ENV} variable)
 * @param lightning where the node's Lightning listener is reached; empty = the first URI
 *                  {@code GET /api/v1/node} shows
 * @param network   the server's {@code sis.lightning.network}, which the check's nodes announce in init
 * @param timeout   how long each step waits for an answer
 */
public record CheckOptions(URI url, String apiKey, Optional<Lightning> lightning, String network, Duration timeout) {

    /**
     * {@code --lightning}: {@code nodeid@host:port}, or {@code host:port} for the node whose id
     * {@code GET /api/v1/node} shows (e.g. a cluster-internal Service name).
     */
    public record Lightning(Optional<NodeId> nodeId, InetSocketAddress address) {

        /** @throws IllegalArgumentException when {@code value} is neither form */
        public static Lightning parse(String value) {
            if (value.contains("@")) {
                PeerUri uri = PeerUri.parse(value);
                return new Lightning(Optional.of(uri.nodeId()), uri.address());
            }
            return new Lightning(Optional.empty(), HostPort.parse(value));
        }

        @Override
        public String toString() {
            String address = address().getHostString() + ":" + address().getPort();
            return nodeId.map(id -> id + "@" + address).orElse(address);
        }
    }

    /** The environment variable the API key is read from when {@code --api-key} is not given. */
    public static final String API_KEY_ENV = "SIS_CHECK_API_KEY";

    public static final String USAGE = """
            usage: check --url http://host:8080 [--api-key KEY] [--lightning [nodeid@]host:port]
                         [--network bitcoin|testnet|signet|regtest] [--timeout-seconds 15]
              --url              the admin API's base URL
              --api-key          an admin API key (default: the %s environment variable)
              --lightning        where the node listens for Lightning, nodeid@host:port or host:port
                                 (default: the first of GET /api/v1/node's uris)
              --network          the server's sis.lightning.network (default: bitcoin)
              --timeout-seconds  how long each step waits for an answer (default: 15)
            exit code: 0 when every step passed, 1 when one failed, 2 for a usage error
            """.formatted(API_KEY_ENV);

    private static final Set<String> NAMES = Set.of("--url", "--api-key", "--lightning", "--network",
            "--timeout-seconds");

    /**
     * Parses {@code --name value} or {@code --name=value} arguments.
     *
     * @throws IllegalArgumentException naming the argument that is missing, unknown or invalid
     */
    public static CheckOptions parse(List<String> args, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
            if (equals < 0 && i + 1 == args.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            values.put(name, equals < 0 ? args.get(++i) : arg.substring(equals + 1));
        }
        String url = values.get("--url");
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("--url is required");
        }
        URI base = URI.create(url.strip());
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("--url must be an http:// or https:// URL, got '" + url + "'");
        }
        String apiKey = values.getOrDefault("--api-key", environment.get(API_KEY_ENV));
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("--api-key or the " + API_KEY_ENV + " environment variable is required");
        }
        Optional<Lightning> lightning = Optional.ofNullable(values.get("--lightning")).map(Lightning::parse);
        int seconds;
        try {
            seconds = Integer.parseInt(values.getOrDefault("--timeout-seconds", "15"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--timeout-seconds must be a whole number of seconds", e);
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("--timeout-seconds must be at least 1");
        }
        String network = values.getOrDefault("--network", "bitcoin");
        if (!network.matches("(?i)bitcoin|mainnet|testnet|signet|regtest")) {
            throw new IllegalArgumentException("--network must be bitcoin, mainnet, testnet, signet or regtest, got '"
                    + network + "'");
        }
        return new CheckOptions(base, apiKey.strip(), lightning, network, Duration.ofSeconds(seconds));
    }
}
