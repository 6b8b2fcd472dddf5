package io.staticinvoice.gateway;

import io.staticinvoice.lightning.wire.NetworkAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class PublicAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.1.1", "100.64.0.1",
        "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00::1"})
    void privateAddressesAreNotEchoed(String ip) throws UnknownHostException {
        assertThat(PublicAddresses.of(new InetSocketAddress(InetAddress.getByName(ip), 1234))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.9", "8.8.8.8", "2001:db8::7", "100.128.0.1"})
    void publicAddressesAreEchoedWithTheirPort(String ip) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(ip);
        assertThat(PublicAddresses.of(new InetSocketAddress(address, 1234)))
                .contains(new NetworkAddress.Ip(address, 1234));
    }
}
