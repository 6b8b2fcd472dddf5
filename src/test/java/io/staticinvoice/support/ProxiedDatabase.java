package io.staticinvoice.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared {@link TestDatabase} reached through a {@link TcpProxy} of its own, so that a test can
 * delay or cut one server's database connections (an outage, a dead process) and nobody else's.
 */
public final class ProxiedDatabase implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/:]+):(\\d+)(/.*)");

    private final TestDatabase database;
    private final TcpProxy proxy;
    private final String path;

    private ProxiedDatabase(TestDatabase database, TcpProxy proxy, String path) {
        this.database = database;
        this.proxy = proxy;
        this.path = path;
    }

    /** A fresh proxy in front of the test database. */
    public static ProxiedDatabase start() {
        TestDatabase database = TestDatabase.get();
        Matcher url = URL.matcher(database.url());
        if (!url.matches()) {
            throw new IllegalStateException("cannot put a proxy in front of " + database.url());
        }
        try {
            return new ProxiedDatabase(database, new TcpProxy(
                    new InetSocketAddress(url.group(1), Integer.parseInt(url.group(2)))), url.group(3));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The proxy, to delay or cut. */
    public TcpProxy proxy() {
        return proxy;
    }

    /** The {@code spring.datasource.*} properties that lead through the proxy. */
    public Map<String, String> datasourceProperties() {
        return Map.of(
                "spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + path,
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password());
    }

    @Override
    public void close() throws IOException {
        proxy.close();
    }
}
