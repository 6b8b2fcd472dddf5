package io.staticinvoice.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostPortTest {

    @Test
    void parsesHostsAddressesAndBracketedIpv6() {
        InetSocketAddress any = HostPort.parse("0.0.0.0:9735");
        assertThat(any.getHostString()).isEqualTo("0.0.0.0");
        assertThat(any.getPort()).isEqualTo(9735);
        assertThat(HostPort.parse("node.example.com:19735").getHostString()).isEqualTo("node.example.com");
        InetSocketAddress v6 = HostPort.parse("[2001:db8::1]:9735");
        assertThat(v6.getHostString()).isEqualTo("2001:db8::1");
        assertThat(v6.isUnresolved()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9735", ":9735", "host:", "host:port", "host:70000", "2001:db8::1:9735"})
    void rejectsMalformedValues(String value) {
        assertThatThrownBy(() -> HostPort.parse(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
