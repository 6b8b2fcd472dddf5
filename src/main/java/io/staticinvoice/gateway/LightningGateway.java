package io.staticinvoice.gateway;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.staticinvoice.config.LightningProperties;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.transport.Handshake;
import io.staticinvoice.lightning.transport.HandshakeInitiator;
import io.staticinvoice.lightning.transport.HandshakeResponder;
import io.staticinvoice.lightning.wire.ChainHash;
import io.staticinvoice.lightning.wire.Feature;
import io.staticinvoice.lightning.wire.Features;
import io.staticinvoice.lightning.wire.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Lightning peer gateway on Netty: a BOLT 8 listener, outbound connections (one-off, or
 * kept up with backoff for configured peers), the registry of connected peers and the bounded
 * worker pool that receives their onion messages. Plain Java, started and stopped explicitly
 * (the Spring lifecycle does it in the application), so several instances can run in one JVM.
 * A stopped gateway can be started again.
 */
public final class LightningGateway implements AutoCloseable {

    /**
     * The features of our {@code init}: {@code option_onion_messages}, and as optional the
     * bits that LDK's {@code ChannelManager} requires of every peer (data_loss_protect,
     * var_onion_optin, static_remotekey, payment_secret, channel_type) so that LDK nodes keep
     * the connection; like LDK's own channel-less {@code ErroringMessageHandler}, this node
     * opens no channels and would refuse any.
     */
    public static final Features FEATURES = Features.empty()
            .withOptional(Feature.DATA_LOSS_PROTECT)
            .withOptional(Feature.VAR_ONION_OPTIN)
            .withOptional(Feature.STATIC_REMOTE_KEY)
            .withOptional(Feature.PAYMENT_SECRET)
            .withOptional(Feature.ONION_MESSAGES)
            .withOptional(Feature.CHANNEL_TYPE);

    private static final Logger log = LoggerFactory.getLogger(LightningGateway.class);

    private final PrivateKey nodeKey;
    private final NodeId nodeId;
    private final LightningProperties.Lightning settings;
    private final GatewayMetrics metrics;
    private final PeerLeases leases;
    private final PeerRegistry registry = new PeerRegistry();
    private final Map<NodeId, CompletableFuture<Peer>> connecting = new HashMap<>();
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private ChannelGroup channels;
    private final OnionMessageWorkers workers;
    private final OutboundBudget outbound;
    private final InboundConnectionLimiter limiter;
    private volatile GatewayContext context;
    private PersistentConnections persistent;
    private volatile Bootstrap client;
    private volatile HostResolver resolver;
    private volatile Channel serverChannel;
    private volatile boolean stopped;

    /** A gateway that dials every configured peer itself. */
    public LightningGateway(PrivateKey nodeKey, LightningProperties.Lightning settings, GatewayMetrics metrics) {
        this(nodeKey, settings, metrics, PeerLeases.ALWAYS);
    }

    /** A gateway that dials a configured peer only while it holds the peer's lease. */
    public LightningGateway(PrivateKey nodeKey, LightningProperties.Lightning settings, GatewayMetrics metrics,
                            PeerLeases leases) {
        this.leases = leases;
        this.nodeKey = nodeKey;
        this.nodeId = new NodeId(nodeKey.publicKey());
        this.settings = settings;
        this.metrics = metrics;
        this.workers = new OnionMessageWorkers(settings.workerThreads(), settings.workerQueueCapacity(),
                settings.workerQueuePerPeer(), metrics);
        this.outbound = new OutboundBudget(settings.maxOutboundBytesTotal().toBytes());
        this.limiter = new InboundConnectionLimiter(settings.maxInboundConnections(),
                settings.maxInboundConnectionsPerIp(), settings.maxHalfOpenConnections(),
                settings.maxHalfOpenConnectionsPerIp(), metrics);
        metrics.gaugePeers(registry::size);
        metrics.gauge(GatewayMetrics.OUTBOUND_BYTES, "Bytes of onion messages and pongs queued for peers",
                outbound::reserved);
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider allocator) {
            metrics.gauge(GatewayMetrics.DIRECT_MEMORY, "Direct memory held by Netty's buffer allocator",
                    () -> allocator.metric().usedDirectMemory());
        }
    }

    public NodeId nodeId() {
        return nodeId;
    }

    public PeerRegistry peers() {
        return registry;
    }

    /** The bounded pool where incoming onion messages are processed; other slow gateway work goes there too. */
    public OnionMessageWorkers workers() {
        return workers;
    }

    /** The bound listener address (with the real port when configured with port 0). */
    public InetSocketAddress boundAddress() {
        if (serverChannel == null) {
            throw new IllegalStateException("gateway not started");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public boolean isRunning() {
        return serverChannel != null && serverChannel.isActive();
    }

    /** The event loops of the running gateway (the acceptor's, then the I/O loops); empty when stopped. */
    public synchronized List<EventExecutor> eventLoops() {
        if (serverChannel == null) {
            return List.of();
        }
        List<EventExecutor> loops = new ArrayList<>();
        acceptGroup.forEach(loops::add);
        ioGroup.forEach(loops::add);
        return loops;
    }

    /**
     * Binds the listener and starts accepting peers; their onion messages go to {@code inbound}
     * on the worker pool.
     */
    public synchronized void start(InboundOnionMessageHandler inbound) throws InterruptedException {
        if (serverChannel != null) {
            throw new IllegalStateException("gateway already running");
        }
        stopped = false;
        workers.start();
        Transport transport = Transport.get();
        acceptGroup = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(settings.eventLoopThreads(), transport.ioHandlerFactory());
        channels = new DefaultChannelGroup("lightning-peers", GlobalEventExecutor.INSTANCE);
        context = new GatewayContext(nodeKey, nodeId, FEATURES, ChainHash.forNetwork(settings.network()),
                settings, metrics, registry, workers, inbound, outbound);
        persistent = new PersistentConnections(this::connect, registry, leases, ioGroup,
                settings.reconnectMinBackoff(), settings.reconnectMaxBackoff());
        registry.addListener(persistent);

        int highWaterMark = (int) Math.min(Integer.MAX_VALUE, settings.maxOutboundBytesPerPeer().toBytes());
        WriteBufferWaterMark waterMark = new WriteBufferWaterMark(highWaterMark / 4, highWaterMark);
        ServerBootstrap server = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .childHandler(pipeline(Direction.INBOUND, () -> new HandshakeResponder(nodeKey), null, limiter));
        resolver = new HostResolver();
        client = new Bootstrap()
                .group(ioGroup)
                .channel(transport.clientChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis());
        InetSocketAddress listen = HostPort.parse(settings.listen());
        ChannelFuture bound = server.bind(new InetSocketAddress(listen.getHostString(), listen.getPort())).await();
        if (!bound.isSuccess()) {
            releaseAfterFailedBind();
            throw new ListenerBindException(settings.listen(), bound.cause());
        }
        serverChannel = bound.channel();
        log.info("Lightning node {} listening on {}", nodeId, serverChannel.localAddress());
        for (String peer : settings.peers()) {
            PeerUri configured = PeerUri.parse(peer);
            persistent.keep(configured.nodeId(), configured.address());
        }
    }

    /** Gives back what {@link #start} took when the listener could not bind, so no thread outlives the failure. */
    private void releaseAfterFailedBind() throws InterruptedException {
        stopped = true;
        registry.removeListener(persistent);
        resolver.close();
        acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdown(5_000);
    }

    /**
     * The lease of a configured peer changed hands: dial it if this replica took it over, hang up
     * on it if another replica did.
     */
    public void leaseChanged(NodeId nodeId, boolean held) {
        PersistentConnections configured = persistent;
        if (configured == null) {
            return;
        }
        if (held) {
            configured.attempt(nodeId);
        } else {
            registry.get(nodeId).ifPresent(Peer::disconnect);
        }
    }

    /**
     * Connects to {@code nodeId} at {@code address} unless it is connected already; the future
     * completes with the peer once {@code init} is exchanged. Concurrent calls for the same
     * node share one attempt. A host name is looked up off the event loops first.
     */
    public CompletableFuture<Peer> connect(NodeId nodeId, InetSocketAddress address) {
        if (context == null) {
            throw new IllegalStateException("gateway not started");
        }
        if (stopped) {
            return CompletableFuture.failedFuture(new PeerUnavailableException(nodeId, PeerUnavailableException.Reason.STOPPING));
        }
        Peer existing = registry.get(nodeId).orElse(null);
        if (existing != null) {
            return CompletableFuture.completedFuture(existing);
        }
        CompletableFuture<Peer> ready;
        synchronized (connecting) {
            CompletableFuture<Peer> pending = connecting.get(nodeId);
            if (pending != null) {
                return pending;
            }
            ready = new CompletableFuture<>();
            connecting.put(nodeId, ready);
        }
        ready.whenComplete((peer, error) -> {
            synchronized (connecting) {
                connecting.remove(nodeId, ready);
            }
        });
        Bootstrap attempt = client.clone().handler(
                pipeline(Direction.OUTBOUND, () -> new HandshakeInitiator(nodeKey, nodeId.key()), ready, null));
        resolver.resolve(address).whenComplete((resolved, lookupFailed) -> {
            if (lookupFailed != null) {
                ready.completeExceptionally(lookupFailed);
                return;
            }
            if (stopped) {
                ready.completeExceptionally(new PeerUnavailableException(nodeId, PeerUnavailableException.Reason.STOPPING));
                return;
            }
            try {
                attempt.connect(resolved).addListener((ChannelFuture connected) -> {
                    if (!connected.isSuccess()) {
                        ready.completeExceptionally(connected.cause());
                    }
                });
            } catch (RuntimeException stopping) {
                ready.completeExceptionally(stopping);
            }
        });
        return ready;
    }

    /**
     * The channel pipeline: [limit], handshake, (frames once the handshake is done), messages,
     * then the {@link PeerPipeline} stages.
     *
     * @param ready   the outbound attempt's future; null for inbound channels
     * @param limiter the inbound connection limiter; null for outbound channels
     */
    private ChannelInitializer<SocketChannel> pipeline(Direction direction, Supplier<Handshake> handshake,
                                                        CompletableFuture<Peer> ready,
                                                        InboundConnectionLimiter limiter) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                channels.add(channel);
                if (limiter != null) {
                    channel.pipeline().addLast(InboundConnectionLimiter.NAME, limiter);
                }
                channel.pipeline()
                        .addLast(HandshakeHandler.NAME, new HandshakeHandler(handshake.get(), context,
                                limiter == null ? HandshakeHandler.Admission.ANY : limiter::established))
                        .addLast(MessageCodec.NAME, new MessageCodec(metrics));
                PeerPipeline.addStages(channel.pipeline(), context, direction,
                        ready == null ? new CompletableFuture<>() : ready);
            }
        };
    }

    /**
     * The first step of a graceful stop: closes the listener (no new peers), stops dialling
     * configured peers and reading from the connected ones (no new work), and waits up to
     * {@code drainTimeout} for the worker pool to finish what they sent, whose answers go out on
     * the connections, still open. Returns whether the pool drained in time; {@link #stop} then
     * closes the connections.
     */
    public boolean quiesce(Duration drainTimeout) throws InterruptedException {
        synchronized (this) {
            if (serverChannel == null) {
                return true;
            }
            persistent.stop();
            serverChannel.close().syncUninterruptibly();
            channels.forEach(channel -> channel.config().setAutoRead(false));
        }
        return workers.awaitIdle(drainTimeout);
    }

    /**
     * Closes the listener and every connection (once what was written to it reached its socket,
     * waiting up to {@code sis.lightning.drain-timeout}), then stops the event loops and the worker pool.
     */
    public synchronized void stop() {
        if (serverChannel == null) {
            return;
        }
        stopped = true;
        persistent.stop();
        registry.removeListener(persistent);
        resolver.close();
        serverChannel.close().syncUninterruptibly();
        awaitWritten(settings.drainTimeout());
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        failUnfinishedConnects();
        try {
            workers.shutdown(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        serverChannel = null;
        log.info("Lightning node {} stopped", nodeId);
    }

    /**
     * Waits up to {@code timeout} until what was written to each connection reached its socket: an
     * empty write at the head of each pipeline (past the encoders) completes after the writes before it.
     */
    private void awaitWritten(Duration timeout) {
        List<ChannelFuture> written = new ArrayList<>();
        for (Channel channel : channels) {
            ChannelHandlerContext first = channel.pipeline().firstContext();
            if (first != null) {
                written.add(first.writeAndFlush(Unpooled.EMPTY_BUFFER));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ChannelFuture write : written) {
            write.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Fails the outbound attempts still open once the event loops are gone (an attempt that
     * reached them as they shut down never hears back from Netty), so none waits forever and a
     * restarted gateway starts with none; before the workers stop, so that messages waiting on
     * an attempt can still go to the mailbox.
     */
    private void failUnfinishedConnects() {
        Map<NodeId, CompletableFuture<Peer>> unfinished;
        synchronized (connecting) {
            unfinished = new HashMap<>(connecting);
            connecting.clear();
        }
        unfinished.forEach((node, attempt) -> attempt.completeExceptionally(
                new PeerUnavailableException(node, PeerUnavailableException.Reason.STOPPING)));
    }

    @Override
    public void close() {
        stop();
    }
}
