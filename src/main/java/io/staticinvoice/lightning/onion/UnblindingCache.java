package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Our node's unblindings of recently seen path keys (BOLT 4 "Route Blinding", reader side): for
 * a path key {@code E} the shared secret {@code SHA256(k * E)} and, once asked for, the next path
 * key, both a pure function of our node key and {@code E}. The blinded paths that end at a static
 * invoice server do not change: every payer of an offer sends over the same path keys (our hop
 * and our dummy hops), and every invoice_request forwarded to a recipient crosses our hop of the
 * same stored path. Remembering the last {@code capacity} path keys saves two of the four point
 * multiplications of each such hop (the packet's own keys still change with every message).
 *
 * <p>A remembered path key is peeled about 80 µs faster per hop, so whoever can time the
 * server's answers precisely could tell whether one of its paths was used lately; capacity 0
 * remembers nothing. Thread-safe; the least recently used path key is forgotten first.
 */
public final class UnblindingCache {

    private final PrivateKey nodeKey;
    private final int capacity;
    private final Map<PublicKey, RouteBlinding.Unblinding> recent;

    /**
     * @param nodeKey  our node key
     * @param capacity path keys remembered; 0 for none
     */
    public UnblindingCache(PrivateKey nodeKey, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative cache capacity " + capacity);
        }
        this.nodeKey = nodeKey;
        this.capacity = capacity;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PublicKey, RouteBlinding.Unblinding> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A cache that remembers nothing: every call unblinds afresh. */
    public static UnblindingCache none(PrivateKey nodeKey) {
        return new UnblindingCache(nodeKey, 0);
    }

    public PrivateKey nodeKey() {
        return nodeKey;
    }

    /** {@link RouteBlinding#unblind} with our node key, remembered. */
    public RouteBlinding.Unblinding unblind(PublicKey pathKey) {
        if (capacity == 0) {
            return RouteBlinding.unblind(nodeKey, pathKey);
        }
        synchronized (recent) {
            RouteBlinding.Unblinding known = recent.get(pathKey);
            if (known != null) {
                return known;
            }
        }
        RouteBlinding.Unblinding fresh = RouteBlinding.unblind(nodeKey, pathKey);
        synchronized (recent) {
            recent.put(pathKey, fresh);
        }
        return fresh;
    }

    /** Path keys remembered now. */
    public int size() {
        synchronized (recent) {
            return recent.size();
        }
    }
}
