package io.staticinvoice.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port for fault tests: forwards every connection to {@code target},
 * optionally delaying each chunk it forwards, and can {@linkplain #cut cut} the link (open
 * connections are reset, new ones are closed at once, as when the database host is gone) and
 * {@linkplain #heal heal} it again. Plain blocking sockets, two daemon threads per connection.
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

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    long delay = latencyMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException ended) {
                // one side closed or was reset: close both below
            } finally {
                reset(from);
                reset(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
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
