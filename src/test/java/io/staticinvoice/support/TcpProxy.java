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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on a loopback port for fault tests: forwards every connection to {@code target},
 * optionally delaying each chunk it forwards, and can {@linkplain #cut cut} the link (open
 * connections are reset, new ones are closed at once, as when the database host is gone) and
 * {@linkplain #heal heal} it again. Plain blocking sockets, a reader and a writer thread per
 * direction of each connection.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile long latencyMillis;

    public TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
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
        open.forEach(TcpProxy::reset);
        open.clear();
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
            try {
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException unreachable) {
                reset(client);
            }
        }
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
