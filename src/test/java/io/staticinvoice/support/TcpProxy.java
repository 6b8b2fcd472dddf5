package io.staticinvoice.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port for fault tests: forwards every connection to a target,
 * optionally delaying each chunk it forwards, and can {@linkplain #cut cut} the link (open
 * connections are reset, new ones are closed at once, as when the database host is gone) and
 * {@linkplain #heal heal} it again. With several targets it is a round-robin TCP load balancer:
 * each new connection goes to the next target, skipping one that refuses it, and the targets can
 * be {@linkplain #targets(List) replaced} and {@linkplain #cut(InetSocketAddress) cut one by one}
 * while it runs. Plain blocking sockets, a reader and a writer thread per direction of each
 * connection.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    /** Each open socket, both the client's and the upstream one, with the target it leads to. */
    private final Map<Socket, InetSocketAddress> open = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile List<InetSocketAddress> targets;
    private volatile boolean cut;
    private volatile long latencyMillis;

    /** A proxy forwarding every connection to {@code target}. */
    public TcpProxy(InetSocketAddress target) throws IOException {
        this(List.of(target));
    }

    /** A round-robin proxy over {@code targets} (at least one). */
    public TcpProxy(List<InetSocketAddress> targets) throws IOException {
        targets(targets);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Sends new connections to {@code targets} from now on; open connections stay where they are. */
    public void targets(List<InetSocketAddress> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a proxy needs a target");
        }
        this.targets = List.copyOf(targets);
    }

    /** The targets new connections go to. */
    public List<InetSocketAddress> targets() {
        return targets;
    }

    /** The port the proxy listens on (loopback). */
    public int port() {
        return server.getLocalPort();
    }

    /** Delays every forwarded chunk, in both directions, by {@code latency}. */
    public void latency(Duration latency) {
        latencyMillis = latency.toMillis();
    }

    /** Resets every open connection and closes new ones at once until {@link #heal}. */
    public void cut() {
        cut = true;
        open.keySet().forEach(TcpProxy::reset);
        open.clear();
    }

    /** Resets every open connection to {@code target}, as when that host vanishes; others are untouched. */
    public void cut(InetSocketAddress target) {
        open.forEach((socket, leadsTo) -> {
            if (leadsTo.equals(target)) {
                reset(socket);
                open.remove(socket);
            }
        });
    }

    /** Forwards new connections again. */
    public void heal() {
        cut = false;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            if (cut) {
                reset(client);
                continue;
            }
            List<InetSocketAddress> choices = targets;
            int first = Math.floorMod(next.getAndIncrement(), choices.size());
            boolean forwarded = false;
            for (int i = 0; i < choices.size() && !forwarded; i++) {
                forwarded = forward(client, choices.get((first + i) % choices.size()));
            }
            if (!forwarded) {
                reset(client);
            }
        }
    }

    /** Connects {@code client} to {@code target}; false when the target refuses. */
    private boolean forward(Socket client, InetSocketAddress target) {
        Socket upstream;
        try {
            upstream = new Socket(target.getAddress(), target.getPort());
        } catch (IOException unreachable) {
            return false;
        }
        open.put(client, target);
        open.put(upstream, target);
        pump(client, upstream);
        pump(upstream, client);
        return true;
    }

    /**
     * Copies {@code from} to {@code to}: a reader thread hands each chunk to a writer that sends it
     * {@code latency} after it was read (a scheduled executor keeps the order), so a delayed chunk
     * delays no reading; the end of either side resets both once what was read has been written.
     */
    private void pump(Socket from, Socket to) {
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tcp-proxy-write");
            thread.setDaemon(true);
            return thread;
        });
        Runnable close = () -> {
            reset(from);
            reset(to);
            open.remove(from);
            open.remove(to);
            writer.shutdown();
        };
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    byte[] chunk = Arrays.copyOf(buffer, read);
                    writer.schedule(() -> write(out, chunk, close), latencyMillis, TimeUnit.MILLISECONDS);
                }
            } catch (IOException | RejectedExecutionException ended) {
                // one side closed or was reset: close both below, after what was read
            } finally {
                try {
                    writer.schedule(close, latencyMillis, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closedAlready) {
                    // the writer failed and closed both
                }
            }
        }, "tcp-proxy-read");
        reader.setDaemon(true);
        reader.start();
    }

    private static void write(OutputStream out, byte[] chunk, Runnable close) {
        try {
            out.write(chunk);
            out.flush();
        } catch (IOException reset) {
            close.run();
        }
    }

    /** Closes with RST rather than FIN, as a vanished host or a firewall does. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
