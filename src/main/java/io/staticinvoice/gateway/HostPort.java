package io.staticinvoice.gateway;

import java.net.InetSocketAddress;

/**
 * Parses {@code host:port} as configuration writes it: {@code 0.0.0.0:9735},
 * {@code node.example.com:9735}, {@code [2001:db8::1]:9735}. The result is unresolved; Netty
 * resolves it when binding or connecting.
 */
public final class HostPort {

    private HostPort() {
    }

    public static InetSocketAddress parse(String value) {
        String text = value.strip();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected host:port, got '" + value + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("IPv6 hosts go in brackets: '" + value + "'");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in '" + value + "'", e);
        }
        if (port < 0 || port > 0xffff || host.isEmpty()) {
            throw new IllegalArgumentException("invalid host or port in '" + value + "'");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
