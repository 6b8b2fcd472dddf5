package io.staticinvoice.gateway;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Host names are looked up off the calling thread; resolved addresses pass through. */
class HostResolverTest {

    @Test
    void looksUpHostNamesAndIpLiterals() throws Exception {
        try (HostResolver resolver = new HostResolver()) {
            InetSocketAddress localhost = resolver.resolve(InetSocketAddress.createUnresolved("localhost", 9735))
                    .get(10, TimeUnit.SECONDS);
            assertThat(localhost.isUnresolved()).isFalse();
            assertThat(localhost.getAddress().isLoopbackAddress()).isTrue();
            assertThat(localhost.getPort()).isEqualTo(9735);

            InetSocketAddress literal = resolver.resolve(InetSocketAddress.createUnresolved("127.0.0.2", 1))
                    .get(10, TimeUnit.SECONDS);
            assertThat(literal.getAddress().getHostAddress()).isEqualTo("127.0.0.2");
        }
    }

    @Test
    void aResolvedAddressIsReturnedAsItIs() {
        InetSocketAddress resolved = new InetSocketAddress("127.0.0.1", 9735);
        try (HostResolver resolver = new HostResolver()) {
            assertThat(resolver.resolve(resolved)).isCompletedWithValue(resolved);
        }
    }

    @Test
    void aClosedResolverFailsInsteadOfHanging() {
        HostResolver resolver = new HostResolver();
        resolver.close();
        assertThatThrownBy(() -> resolver.resolve(InetSocketAddress.createUnresolved("localhost", 1))
                .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UnknownHostException.class);
    }
}
