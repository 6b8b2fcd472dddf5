package io.staticinvoice.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class TransportTest {

    @Test
    void onLinuxX86TheGatewayUsesEpoll() {
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "Netty's native epoll is packaged for Linux x86-64 only");

        assertThat(Transport.get()).isEqualTo(Transport.EPOLL);
        assertThat(Transport.get().serverChannel().getSimpleName()).isEqualTo("EpollServerSocketChannel");
    }
}
