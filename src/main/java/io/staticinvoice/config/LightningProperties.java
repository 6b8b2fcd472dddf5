package io.staticinvoice.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Lightning peer gateway (BOLT 8 transport, BOLT 1 peers, onion message
 * routing) and of the persisted mailbox for offline peers (DESIGN.md step 5).
 *
 * @param node      this node's identity key
 * @param lightning listener, outbound peers and per-connection limits
 * @param mailbox   bounds of the onion message mailbox
 * @param replicas  how replicas of one node share its configured peers
 */
@Validated
@ConfigurationProperties(prefix = "sis")
public record LightningProperties(
        @Valid @NotNull @DefaultValue Node node,
        @Valid @NotNull @DefaultValue Lightning lightning,
        @Valid @NotNull @DefaultValue Mailbox mailbox,
        @Valid @NotNull @DefaultValue Replicas replicas) {

    /**
     * The node key: {@code privateKey} (64 hex characters) when set, else the key in
     * {@code keyFile}, generated there (mode 0600) on first start.
     *
     * @param keyFile    file holding the 32-byte key as hex; unset = {@link #DEFAULT_KEY_FILE}, the
     *                   same whatever the working directory
     * @param privateKey the key itself, for deployments that inject secrets as variables
     */
    public record Node(String keyFile, String privateKey) {

        /** {@code ~/.static-invoice-server/node.key}: the key file when {@code sis.node.key-file} is unset. */
        public static final Path DEFAULT_KEY_FILE =
                Path.of(System.getProperty("user.home"), ".static-invoice-server", "node.key");

        /** The key file to read or create. */
        public Path keyFilePath() {
            return keyFile == null || keyFile.isBlank() ? DEFAULT_KEY_FILE : Path.of(keyFile);
        }

        @Override
        public String toString() {
            return "Node[keyFile=" + keyFile + ", privateKey=" + (privateKey == null ? "unset" : "set") + "]";
        }
    }

    /**
     * @param listen              {@code host:port} the BOLT 8 listener binds ({@code [::]:9735} for IPv6)
     * @param network             the chain announced in {@code init}'s {@code networks}: bitcoin, testnet, signet, regtest
     * @param peers               peers kept connected, as {@code nodeid@host:port}
     * @param handshakeTimeout    time a new connection has to finish BOLT 8 acts one to three and exchange {@code init}
     * @param connectTimeout      TCP connect timeout of outbound connections
     * @param maxInboundConnections        inbound connections accepted at once
     * @param maxInboundConnectionsPerIp   inbound connections accepted at once from one IP address
     * @param maxFrameSize        largest decrypted Lightning message accepted (BOLT 8 allows 65535)
     * @param pingInterval        idle time after which a keep-alive {@code ping} is sent
     * @param pongTimeout         time a peer has to answer a {@code ping} before it is disconnected
     * @param onionMessageRate    per-peer token bucket for incoming onion messages
     * @param workerThreads       threads peeling onion messages and doing database work
     * @param workerQueueCapacity onion messages waiting for a worker; more are dropped and counted
     * @param maxMessagesInFlight onion messages sent to a peer before waiting for a {@code pong} (LDK pauses after 32)
     * @param maxBytesInFlight    bytes of onion messages sent to a peer before waiting for a {@code pong} (LDK drops beyond 256 KiB)
     * @param maxQueuedBytesPerPeer onion message bytes waiting to be sent to one peer; more are dropped and counted
     * @param reconnectMinBackoff first wait before reconnecting to a configured peer
     * @param reconnectMaxBackoff longest wait between reconnection attempts
     * @param eventLoopThreads    Netty I/O threads (0 = Netty's default, twice the cores)
     * @param pathKeyCacheSize    path keys of our own blinded paths whose unblinding is remembered
     *                            (0 = none; see {@code UnblindingCache})
     * @param maxHalfOpenConnections      inbound connections still in the BOLT 8 handshake at once; more are refused
     * @param maxHalfOpenConnectionsPerIp inbound connections in the handshake at once from one IP address; a
     *                            new one beyond it closes that address's oldest handshake
     * @param pingBurst           pings a peer may send at once; beyond {@code pingBurst} plus one per
     *                            {@code pingRefill} it is disconnected (BOLT 1 lets a node fail a peer
     *                            that pings "significantly in excess")
     * @param pingRefill          time to refill one ping token
     * @param maxOutboundBytesPerPeer encrypted bytes written to a peer and not yet taken by its socket; above
     *                            it the connection is unwritable: pings go unanswered and queued onion
     *                            messages wait (Netty's write high-water mark; the low one is a quarter)
     * @param maxOutboundBytesTotal bytes of onion messages and pongs queued for all peers together (queued
     *                            and not yet taken by the socket); beyond it onion messages are dropped and
     *                            pings go unanswered
     * @param workerQueuePerPeer  onion messages from one peer waiting for a worker; more are dropped and counted
     * @param publicAddresses     {@code host:port} where wallets and payers reach this node from outside (a
     *                            load balancer, a DNS name), shown as {@code nodeid@host:port} by {@code GET /api/v1/node}
     * @param drainTimeout        on shutdown, the longest wait for the onion messages taken from peers to be
     *                            processed once no more are read, and again for the answers to reach their
     *                            sockets, before the connections close
     */
    public record Lightning(
            @DefaultValue("0.0.0.0:9735") @NotBlank String listen,
            @DefaultValue("bitcoin") @Pattern(regexp = "(?i)bitcoin|mainnet|testnet|signet|regtest") String network,
            @DefaultValue List<String> peers,
            @DefaultValue("10s") @NotNull Duration handshakeTimeout,
            @DefaultValue("10s") @NotNull Duration connectTimeout,
            @DefaultValue("10000") @Min(1) int maxInboundConnections,
            @DefaultValue("16") @Min(1) int maxInboundConnectionsPerIp,
            @DefaultValue("65535") @Min(1024) @Max(65535) int maxFrameSize,
            @DefaultValue("30s") @NotNull Duration pingInterval,
            @DefaultValue("30s") @NotNull Duration pongTimeout,
            @Valid @NotNull @DefaultValue TokenBucket onionMessageRate,
            @DefaultValue("2") @Min(1) int workerThreads,
            @DefaultValue("1024") @Min(1) int workerQueueCapacity,
            @DefaultValue("32") @Min(1) int maxMessagesInFlight,
            @DefaultValue("256KB") @NotNull DataSize maxBytesInFlight,
            @DefaultValue("2MB") @NotNull DataSize maxQueuedBytesPerPeer,
            @DefaultValue("1s") @NotNull Duration reconnectMinBackoff,
            @DefaultValue("5m") @NotNull Duration reconnectMaxBackoff,
            @DefaultValue("0") @Min(0) int eventLoopThreads,
            @DefaultValue("10000") @Min(0) int pathKeyCacheSize,
            @DefaultValue("1000") @Min(1) int maxHalfOpenConnections,
            @DefaultValue("16") @Min(1) int maxHalfOpenConnectionsPerIp,
            @DefaultValue("20") @Min(1) int pingBurst,
            @DefaultValue("200ms") @NotNull Duration pingRefill,
            @DefaultValue("512KB") @NotNull DataSize maxOutboundBytesPerPeer,
            @DefaultValue("64MB") @NotNull DataSize maxOutboundBytesTotal,
            @DefaultValue("64") @Min(1) int workerQueuePerPeer,
            @DefaultValue List<@Pattern(regexp = HOST_PORT, message = "must be host:port ([v6]:port for IPv6)") String>
                    publicAddresses,
            @DefaultValue("10s") @NotNull Duration drainTimeout) {

        /** {@code host:port}, with an IPv6 host in brackets. */
        static final String HOST_PORT = "(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]/@]+):[0-9]{1,5}";
    }

    /**
     * A token bucket: {@code burst} tokens, one more every {@code 1/perSecond} seconds.
     *
     * @param perSecond sustained onion messages per second
     * @param burst     onion messages accepted at once after a quiet period
     */
    public record TokenBucket(@DefaultValue("20") @Positive double perSecond,
                              @DefaultValue("100") @Min(1) int burst) {
    }

    /**
     * @param maxPerPeer   messages kept for one destination; the oldest is dropped beyond it
     * @param maxTotal     messages kept in all; the oldest is dropped beyond it
     * @param ttl          how long a message waits before it is dropped
     * @param pollInterval how often a replica looks for messages for its connected peers (besides LISTEN/NOTIFY)
     * @param deliveryBatch messages read and written to a peer per database round trip
     * @param knownPeerRetention messages are stored only for configured peers and nodes that
     *                     connected to this node (any replica) within this time; others are
     *                     dropped and counted ({@code unknown_destination}); at least 2 hours,
     *                     since connected peers are recorded again every hour
     * @param maxBatchesInFlight delivery batches being written to peers at once, per replica (their
     *                     onions are in memory until written); other destinations wait their turn
     * @param forwardedRequestHold how long an invoice_request forwarded to a recipient connected to no
     *                     replica is held in memory (never written to the mailbox), to be sent if it
     *                     connects in time
     * @param maxHeldRequestsPerPeer forwarded invoice_requests held for one recipient; the oldest is
     *                     dropped beyond it
     * @param maxHeldRequests forwarded invoice_requests held by the whole node; each replica holds
     *                     its share (this divided by the live replicas); beyond it new ones are dropped
     * @param addressCacheSize node addresses (and the absence of one) kept in memory per replica, so
     *                     that a message for a node connected nowhere costs no database round trip;
     *                     the least recently used are dropped beyond it
     * @param addressCacheTtl how long a looked-up address (or its absence) is trusted: an address
     *                     another replica learnt reaches this one at most this late
     * @param storeBatch   stores written in one transaction of two statements: those queued while
     *                     a batch is written go into the next one, up to this many
     * @param storeLinger  how long the writer waits for more stores after the first of a batch,
     *                     unless the batch fills first: a few milliseconds of delay for durable mail
     *                     (for offline nodes) buy statements and a commit shared by several stores
     * @param maxPendingStores stores queued for writing per replica; beyond it the onion workers wait
     *                     for room (durable mail is not dropped for it)
     */
    public record Mailbox(@DefaultValue("200") @Min(1) int maxPerPeer,
                          @DefaultValue("200000") @Min(1) int maxTotal,
                          @DefaultValue("7d") @NotNull Duration ttl,
                          @DefaultValue("10s") @NotNull Duration pollInterval,
                          @DefaultValue("32") @Min(1) int deliveryBatch,
                          @DefaultValue("30d") @NotNull @DurationMin(hours = 2) Duration knownPeerRetention,
                          @DefaultValue("64") @Min(1) int maxBatchesInFlight,
                          @DefaultValue("60s") @NotNull Duration forwardedRequestHold,
                          @DefaultValue("10") @Min(1) int maxHeldRequestsPerPeer,
                          @DefaultValue("20000") @Min(1) int maxHeldRequests,
                          @DefaultValue("10000") @Min(1) int addressCacheSize,
                          @DefaultValue("10s") @NotNull Duration addressCacheTtl,
                          @DefaultValue("64") @Min(1) int storeBatch,
                          @DefaultValue("20ms") @NotNull Duration storeLinger,
                          @DefaultValue("10000") @Min(1) int maxPendingStores) {
    }

    /**
     * @param peerLeaseTtl how long a replica's lease on a configured peer lasts unrenewed (renewed
     *                     every third of it): the longest a dead replica's configured peers wait for
     *                     another replica to dial them
     * @param heartbeatTtl how long a replica's heartbeat row lasts unrenewed (renewed every third of
     *                     it): the longest a dead replica still counts toward the live replicas that
     *                     node-wide budgets are shared by
     */
    public record Replicas(@DefaultValue("15s") @NotNull Duration peerLeaseTtl,
                           @DefaultValue("10s") @NotNull Duration heartbeatTtl) {
    }
}
