package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.NetworkAddress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * Which remote addresses may be echoed in {@code init}'s {@code remote_addr}: BOLT 1 says a node
 * SHOULD NOT set private addresses there, so loopback, link-local, site-local, unique-local,
 * carrier-grade NAT, wildcard and multicast addresses are left out.
 */
final class PublicAddresses {

    private PublicAddresses() {
    }

    static Optional<NetworkAddress> of(SocketAddress socketAddress) {
        if (!(socketAddress instanceof InetSocketAddress inet) || inet.getAddress() == null
                || !isPublic(inet.getAddress())) {
            return Optional.empty();
        }
        return Optional.of(new NetworkAddress.Ip(inet.getAddress(), inet.getPort()));
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address) {
            return (raw[0] & 0xfe) != 0xfc;
        }
        boolean carrierGradeNat = (raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64;
        return !carrierGradeNat;
    }
}
