package io.staticinvoice.support;

import io.staticinvoice.StaticInvoiceServerApplication;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.NodeId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Several replicas of one Lightning node in this JVM, as a deployment runs them: full server
 * instances (each its own Spring context with its own HTTP port, Lightning listener and connection
 * pool) sharing one node key and the {@link TestDatabase}, behind a round-robin {@link TcpProxy}
 * that wallets and payers connect through, as through a TCP load balancer.
 *
 * <p>Every socket of a replica that outlives it goes through a proxy: peers reach it through the
 * balancer and it reaches PostgreSQL through a {@link ProxiedDatabase} of its own. So a replica
 * can {@linkplain #stop stop} as on SIGTERM (out of the balancer, then its context closes
 * gracefully) or be {@linkplain #kill killed} as by {@code kill -9}: both proxies cut its sockets
 * first, so it neither writes to the database nor answers a peer again, and only then do its
 * remains close; nothing is handed over. New replicas can be {@linkplain #add added} at any time.
 */
public final class NodeReplicas implements AutoCloseable {

    /** Settings every replica gets: a connection pool that gives up quickly once its database is cut. */
    private static final Map<String, String> DEFAULTS = Map.of(
            "server.port", "0",
            "spring.datasource.hikari.connection-timeout", "2000");

    private final PrivateKey nodeKey = PrivateKey.random();
    private final Map<String, String> properties;
    private final List<Replica> replicas = new CopyOnWriteArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    /** Killed replicas being closed. */
    private final List<CompletableFuture<Void>> remains = new CopyOnWriteArrayList<>();
    private TcpProxy balancer;

    private NodeReplicas(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
    }

    /**
     * Starts {@code count} replicas with the test profile and {@code properties} (the first one
     * alone, as it migrates the database, then the others at once) and the balancer before them.
     */
    public static NodeReplicas start(int count, Map<String, String> properties) throws IOException {
        NodeReplicas node = new NodeReplicas(properties);
        try {
            Replica first = node.launch();
            node.replicas.add(first);
            List<CompletableFuture<Replica>> others = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                others.add(CompletableFuture.supplyAsync(node::launch));
            }
            others.forEach(replica -> node.replicas.add(replica.join()));
            node.balancer = new TcpProxy(node.replicas.stream().map(Replica::lightningAddress).toList());
            return node;
        } catch (RuntimeException | IOException e) {
            node.close();
            throw e;
        }
    }

    /** The node's id, the same at every replica. */
    public NodeId nodeId() {
        return new NodeId(nodeKey.publicKey());
    }

    /** Where wallets and payers connect: the balancer. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", balancer.port());
    }

    /** The running replicas, oldest first. */
    public List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    /** The replica {@code peer} is connected to, if any. */
    public Optional<Replica> holding(NodeId peer) {
        return replicas.stream().filter(replica -> replica.gateway().peers().isConnected(peer)).findFirst();
    }

    /** Starts one more replica and puts it behind the balancer. */
    public Replica add() {
        Replica replica = launch();
        replicas.add(replica);
        balance();
        return replica;
    }

    /**
     * Stops {@code replica} as Kubernetes does on a rolling update: the balancer sends it no new
     * connections, then its context closes gracefully (SIGTERM).
     */
    public void stop(Replica replica) throws IOException {
        replicas.remove(replica);
        balance();
        replica.context.close();
        replica.database.close();
    }

    /**
     * Kills {@code replica} as {@code kill -9} would: its database connections and its peers'
     * connections through the balancer are reset, and its gateway's listener and connections
     * closed, at once, so it writes and hands over nothing. What is left of it (its context) is
     * closed in the background, as the operating system reclaims a dead process.
     */
    public void kill(Replica replica) {
        replica.database.proxy().cut();
        replicas.remove(replica);
        balance();
        balancer.cut(replica.lightningAddress());
        replica.gateway().stop();
        remains.add(CompletableFuture.runAsync(() -> {
            replica.context.close();
            try {
                replica.database.close();
            } catch (IOException ignored) {
                // the proxy is cut already
            }
        }));
    }

    private void balance() {
        if (balancer != null && !replicas.isEmpty()) {
            balancer.targets(replicas.stream().map(Replica::lightningAddress).toList());
        }
    }

    private Replica launch() {
        String name = "replica-" + (char) ('a' + started.getAndIncrement());
        ProxiedDatabase database = ProxiedDatabase.start();
        Map<String, String> settings = new HashMap<>(DEFAULTS);
        settings.put("sis.node.private-key", HexFormat.of().formatHex(nodeKey.bytes()));
        settings.putAll(database.datasourceProperties());
        settings.putAll(properties);
        List<ReadinessChange> readiness = new CopyOnWriteArrayList<>();
        try {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(StaticInvoiceServerApplication.class)
                    .profiles("test")
                    .initializers(initialized -> initialized.getEnvironment().getPropertySources()
                            .addFirst(new MapPropertySource(name, Map.copyOf(settings))))
                    .listeners((ApplicationListener<ApplicationEvent>) event -> {
                        if (event instanceof AvailabilityChangeEvent<?> change
                                && change.getState() instanceof ReadinessState state
                                && change.getSource() instanceof ApplicationContext source) {
                            readiness.add(new ReadinessChange(state, source.getBean(LightningGateway.class).isRunning()));
                        }
                    })
                    .run();
            return new Replica(name, context, database, readiness);
        } catch (RuntimeException e) {
            try {
                database.close();
            } catch (IOException ignored) {
                // the failure to start is what matters
            }
            throw e;
        }
    }

    /** Stops every replica gracefully, waits for the killed ones to be closed, and closes the balancer. */
    @Override
    public void close() throws IOException {
        for (Replica replica : List.copyOf(replicas)) {
            stop(replica);
        }
        remains.forEach(CompletableFuture::join);
        if (balancer != null) {
            balancer.close();
        }
    }

    /** A change of a replica's readiness state, and whether its Lightning listener was bound at that moment. */
    public record ReadinessChange(ReadinessState state, boolean listening) {
    }

    /** One running replica: its context and its own way to the database. */
    public static final class Replica {

        private final String name;
        private final ConfigurableApplicationContext context;
        private final ProxiedDatabase database;
        private final InetSocketAddress lightningAddress;
        private final List<ReadinessChange> readiness;

        private Replica(String name, ConfigurableApplicationContext context, ProxiedDatabase database,
                        List<ReadinessChange> readiness) {
            this.name = name;
            this.context = context;
            this.database = database;
            this.readiness = readiness;
            this.lightningAddress = context.getBean(LightningGateway.class).boundAddress();
        }

        /** A bean of this replica's context. */
        public <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        public LightningGateway gateway() {
            return bean(LightningGateway.class);
        }

        /** Its Lightning listener (the balancer's target). */
        public InetSocketAddress lightningAddress() {
            return lightningAddress;
        }

        /** Its readiness changes so far, in order (the probe's {@code readinessState}). */
        public List<ReadinessChange> readiness() {
            return List.copyOf(readiness);
        }

        /** Its HTTP port (admin API, actuator). */
        public int httpPort() {
            return ((WebServerApplicationContext) context).getWebServer().getPort();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
