package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BOLT 7 address descriptors. */
class NetworkAddressTest {

    @Test
    void encodesIpv4AndIpv6() throws Exception {
        NetworkAddress v4 = new NetworkAddress.Ip(InetAddress.getByName("192.0.2.1"), 9735);
        NetworkAddress v6 = new NetworkAddress.Ip(InetAddress.getByName("2001:db8::1"), 9735);
        assertThat(Hex.encode(v4.encode())).isEqualTo("01" + "c0000201" + "2607");
        assertThat(Hex.encode(v6.encode())).isEqualTo("02" + "20010db8000000000000000000000001" + "2607");
        assertThat(NetworkAddress.decode(v4.encode())).isEqualTo(v4);
        assertThat(NetworkAddress.decode(v6.encode())).isEqualTo(v6);
        assertThat(v6).hasToString("[2001:db8:0:0:0:0:0:1]:9735");
    }

    @Test
    void roundTripsTorV3AndHostnames() throws DecodeException {
        NetworkAddress tor = new NetworkAddress.TorV3(new byte[35], 9735);
        NetworkAddress host = new NetworkAddress.Hostname("node.example.com", 9735);
        assertThat(NetworkAddress.decode(tor.encode())).isEqualTo(tor);
        assertThat(NetworkAddress.decode(host.encode())).isEqualTo(host);
        assertThat(Hex.encode(host.encode())).startsWith("0510");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "",                       // no type
        "03" + "00000000000000000000" + "2607", // Tor v2, deprecated
        "09",                     // unknown type
        "01c00002",               // truncated IPv4
        "01c00002012607ff",       // trailing byte
        "0500" + "2607",          // empty hostname
        "0502" + "0a41" + "2607", // control character in hostname
    })
    void rejectsInvalidDescriptors(String hex) {
        assertThatThrownBy(() -> NetworkAddress.decode(Hex.decode(hex))).isInstanceOf(DecodeException.class);
    }
}
