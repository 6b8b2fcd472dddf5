package io.staticinvoice.relay;

import io.staticinvoice.gateway.Direction;
import io.staticinvoice.gateway.Peer;
import io.staticinvoice.gateway.PeerListener;
import io.staticinvoice.gateway.PeerUri;

import io.staticinvoice.lightning.wire.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

/**
 * The {@link PeerAddressBook}: configured peers first, then {@code sis.peer_address}, where every
 * successful outbound connection records the address it reached (so any replica can connect
 * there later). Inbound connections are not recorded: their source port is not a listening port.
 *
 * <p>Lookups are kept in memory for {@code sis.mailbox.address-cache-ttl}, absent addresses too:
 * most messages that wait are for wallets, which have none, and a payer chooses which node ids
 * its reply paths make us look up, so neither may cost a database round trip per message. An
 * address this replica records is in memory at once; one another replica records is seen here
 * within the ttl. At most {@code sis.mailbox.address-cache-size} are kept.
 */
public final class JdbcPeerAddressBook implements PeerAddressBook, PeerListener {

    private static final Logger log = LoggerFactory.getLogger(JdbcPeerAddressBook.class);

    private final Map<NodeId, InetSocketAddress> configured;
    private final JdbcClient jdbc;
    private final Executor background;
    private final Cache<NodeId, Optional<InetSocketAddress>> recent;

    /**
     * @param configured the {@code sis.lightning.peers} entries
     * @param background where addresses of new outbound peers are written (off the event loop)
     * @param cacheSize  lookups kept in memory
     * @param cacheTtl   how long a lookup is kept
     */
    public JdbcPeerAddressBook(List<PeerUri> configured, DataSource dataSource, Executor background,
                               int cacheSize, Duration cacheTtl) {
        this.configured = configured.stream().collect(Collectors.toUnmodifiableMap(
                PeerUri::nodeId, PeerUri::address, (first, second) -> first));
        this.jdbc = JdbcClient.create(dataSource);
        this.background = background;
        this.recent = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(cacheTtl).build();
    }

    @Override
    public Optional<InetSocketAddress> lookup(NodeId nodeId) {
        InetSocketAddress fixed = configured.get(nodeId);
        if (fixed != null) {
            return Optional.of(fixed);
        }
        return recent.get(nodeId, this::read);
    }

    private Optional<InetSocketAddress> read(NodeId nodeId) {
        return jdbc.sql("select host, port from sis.peer_address where node_id = :node")
                .param("node", nodeId.bytes())
                .query((rs, rowNum) -> InetSocketAddress.createUnresolved(rs.getString(1), rs.getInt(2)))
                .optional();
    }

    @Override
    public void remember(NodeId nodeId, InetSocketAddress address) {
        jdbc.sql("insert into sis.peer_address (node_id, host, port, last_seen) values (:node, :host, :port, now()) "
                        + "on conflict (node_id) do update set host = excluded.host, port = excluded.port, "
                        + "last_seen = excluded.last_seen")
                .param("node", nodeId.bytes())
                .param("host", address.getHostString())
                .param("port", address.getPort())
                .update();
        recent.put(nodeId, Optional.of(address));
    }

    @Override
    public void peerConnected(Peer peer) {
        if (peer.direction() != Direction.OUTBOUND) {
            return;
        }
        try {
            background.execute(() -> remember(peer.nodeId(), peer.remoteAddress()));
        } catch (RejectedExecutionException busy) {
            log.debug("Not recording the address of {}: workers busy", peer.nodeId());
        }
    }
}
