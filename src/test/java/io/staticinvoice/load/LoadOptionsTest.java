package io.staticinvoice.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void defaultsNeedOnlyTheApiKey() {
        LoadOptions options = LoadOptions.parse("--api-key", "k");

        assertThat(options.rest().toString()).isEqualTo("http://127.0.0.1:8080");
        assertThat(options.lightning().getPort()).isEqualTo(9735);
        assertThat(options.recipients()).isEqualTo(100);
        assertThat(options.payers()).isEqualTo(8);
        assertThat(options.dummyHops()).as("as LDK 0.3 payers pad their reply paths").isEqualTo(1);
        assertThat(options.paymentPaths()).isEqualTo(4);
        assertThat(options.replyViaServer()).isTrue();
        assertThat(options.heldHtlc()).isTrue();
        assertThat(options.openLoop()).isFalse();
        assertThat(options.serverPid()).isEmpty();
        assertThat(options.jfr()).isEmpty();
        assertThat(options.timeline()).isFalse();
    }

    @Test
    void parsesEveryOption() {
        LoadOptions options = LoadOptions.parse("--api-key", "k", "--rest", "http://10.0.0.1:18080",
                "--lightning", "10.0.0.1:19735", "--recipients", "7", "--payers", "3", "--in-flight", "2",
                "--rate", "250.5", "--hot-share", "0.5", "--dummy-hops", "1", "--warmup", "5s", "--duration", "60",
                "--reply-timeout", "3", "--retry-after", "1", "--verify-every", "0", "--server-pid", "42", "--db-url", "jdbc:x",
                "--db-user", "u", "--clock-ticks", "250", "--jfr", "x.jfr", "--jcmd", "/jdk/bin/jcmd",
                "--payment-paths", "1", "--reply-via-server", "off", "--held-htlc", "off", "--timeline", "on");

        assertThat(options.lightning().getHostString()).isEqualTo("10.0.0.1");
        assertThat(options.lightning().getPort()).isEqualTo(19735);
        assertThat(options.recipients()).isEqualTo(7);
        assertThat(options.payers()).isEqualTo(3);
        assertThat(options.inFlight()).isEqualTo(2);
        assertThat(options.openLoop()).isTrue();
        assertThat(options.rate()).isEqualTo(250.5);
        assertThat(options.hotShare()).isEqualTo(0.5);
        assertThat(options.dummyHops()).isEqualTo(1);
        assertThat(options.paymentPaths()).isEqualTo(1);
        assertThat(options.replyViaServer()).isFalse();
        assertThat(options.heldHtlc()).isFalse();
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.replyTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.verifyEvery()).isZero();
        assertThat(options.serverPid()).hasValue(42);
        assertThat(options.databaseUrl()).hasValue("jdbc:x");
        assertThat(options.databaseUser()).isEqualTo("u");
        assertThat(options.clockTicks()).isEqualTo(250);
        assertThat(options.jfr()).hasValue("x.jfr");
        assertThat(options.jcmd()).isEqualTo("/jdk/bin/jcmd");
        assertThat(options.timeline()).isTrue();
    }

    @Test
    void rejectsUnknownOrIncompleteOptions() {
        assertThatThrownBy(() -> LoadOptions.parse("--api-key", "k", "--recipient", "3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown option --recipient");
        assertThatThrownBy(() -> LoadOptions.parse("--api-key", "k", "--payers"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LoadOptions.parse("--payers", "2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--api-key");
    }

    @Test
    void rejectsInconsistentSettings() {
        assertThatThrownBy(() -> LoadOptions.parse("--api-key", "k", "--hot-share", "1.5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hot-share");
        assertThatThrownBy(() -> LoadOptions.parse("--api-key", "k", "--jfr", "x.jfr"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--server-pid");
        assertThatThrownBy(() -> LoadOptions.parse("--api-key", "k", "--payers", "0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadOptions.parse("--api-key", "k", "--lightning", "19735"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> LoadOptions.parse("--api-key", "k", "--timeline", "yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("on or off");
    }
}
