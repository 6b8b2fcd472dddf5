package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A BOLT 7 address descriptor (the {@code node_announcement} address types), as {@code init}'s
 * {@code remote_addr} carries it: a type byte, the address, a big-endian u16 port.
 */
public sealed interface NetworkAddress permits NetworkAddress.Ip, NetworkAddress.TorV3, NetworkAddress.Hostname {

    int port();

    void writeTo(ByteWriter writer);

    /** Encodes the descriptor (type byte first). */
    default byte[] encode() {
        ByteWriter writer = new ByteWriter();
        writeTo(writer);
        return writer.toByteArray();
    }

    /** Decodes exactly one descriptor filling {@code bytes}; unknown or deprecated types are rejected. */
    static NetworkAddress decode(byte[] bytes) throws DecodeException {
        ByteReader reader = new ByteReader(bytes);
        int type = reader.u8();
        NetworkAddress address = switch (type) {
            case Ip.TYPE_IPV4 -> new Ip(inet(reader.bytes(4)), reader.u16());
            case Ip.TYPE_IPV6 -> new Ip(inet(reader.bytes(16)), reader.u16());
            case TorV3.TYPE -> new TorV3(reader.bytes(TorV3.LENGTH), reader.u16());
            case Hostname.TYPE -> Hostname.read(reader);
            default -> throw new DecodeException("unknown address descriptor type " + type);
        };
        if (reader.hasRemaining()) {
            throw new DecodeException("address descriptor has " + reader.remaining() + " trailing bytes");
        }
        return address;
    }

    private static InetAddress inet(byte[] raw) throws DecodeException {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new DecodeException("invalid IP address length " + raw.length, e);
        }
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Types 1 (IPv4) and 2 (IPv6). */
    record Ip(InetAddress address, int port) implements NetworkAddress {
        static final int TYPE_IPV4 = 1;
        static final int TYPE_IPV6 = 2;

        public Ip {
            if (!(address instanceof Inet4Address) && !(address instanceof Inet6Address)) {
                throw new IllegalArgumentException("not an IP address: " + address);
            }
            checkPort(port);
        }

        @Override
        public void writeTo(ByteWriter writer) {
            writer.u8(address instanceof Inet4Address ? TYPE_IPV4 : TYPE_IPV6)
                    .bytes(address.getAddress())
                    .u16(port);
        }

        @Override
        public String toString() {
            return (address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress()) + ":" + port;
        }
    }

    /** Type 4: a Tor v3 onion service (35 bytes: public key, checksum, version). */
    record TorV3(byte[] onion, int port) implements NetworkAddress {
        static final int TYPE = 4;
        static final int LENGTH = 35;

        public TorV3 {
            if (onion.length != LENGTH) {
                throw new IllegalArgumentException("Tor v3 address must be 35 bytes, got " + onion.length);
            }
            checkPort(port);
            onion = onion.clone();
        }

        @Override
        public byte[] onion() {
            return onion.clone();
        }

        @Override
        public void writeTo(ByteWriter writer) {
            writer.u8(TYPE).bytes(onion).u16(port);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TorV3 that && port == that.port && Arrays.equals(onion, that.onion);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(onion) + port;
        }

        @Override
        public String toString() {
            return "torv3:" + Hex.encode(onion) + ":" + port;
        }
    }

    /** Type 5: a DNS hostname of 1 to 255 ASCII characters. */
    record Hostname(String host, int port) implements NetworkAddress {
        static final int TYPE = 5;

        public Hostname {
            if (!isValid(host)) {
                throw new IllegalArgumentException("hostname must be 1 to 255 printable ASCII characters");
            }
            checkPort(port);
        }

        static Hostname read(ByteReader reader) throws DecodeException {
            String host = new String(reader.bytes(reader.u8()), StandardCharsets.ISO_8859_1);
            if (!isValid(host)) {
                throw new DecodeException("hostname must be 1 to 255 printable ASCII characters");
            }
            return new Hostname(host, reader.u16());
        }

        private static boolean isValid(String host) {
            return !host.isEmpty() && host.length() <= 255 && host.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
        }

        @Override
        public void writeTo(ByteWriter writer) {
            byte[] raw = host.getBytes(StandardCharsets.US_ASCII);
            writer.u8(TYPE).u8(raw.length).bytes(raw).u16(port);
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
