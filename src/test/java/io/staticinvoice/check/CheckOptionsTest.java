package io.staticinvoice.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.NodeId;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CheckOptionsTest {

    private static final String NODE = new NodeId(PrivateKey.random().publicKey()).hex();

    @Test
    void parsesEveryOptionInBothForms() {
        CheckOptions options = CheckOptions.parse(List.of("--url", "http://sis:8080", "--api-key=k",
                "--lightning", NODE + "@node.example.com:9735", "--network=regtest", "--timeout-seconds", "30"),
                Map.of());

        assertThat(options.url()).isEqualTo(URI.create("http://sis:8080"));
        assertThat(options.apiKey()).isEqualTo("k");
        assertThat(options.lightning()).map(Object::toString).contains(NODE + "@node.example.com:9735");
        assertThat(options.network()).isEqualTo("regtest");
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void defaultsTakeTheKeyFromTheEnvironmentAndTheNodeFromTheApi() {
        CheckOptions options = CheckOptions.parse(List.of("--url", "https://sis.example.com"),
                Map.of(CheckOptions.API_KEY_ENV, "from-env"));

        assertThat(options.apiKey()).isEqualTo("from-env");
        assertThat(options.lightning()).isEmpty();
        assertThat(options.network()).isEqualTo("bitcoin");
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aLightningAddressWithoutNodeIdLeavesTheIdToTheApi() {
        CheckOptions.Lightning lightning = CheckOptions.Lightning.parse("static-invoice-server-lightning:9735");

        assertThat(lightning.nodeId()).isEqualTo(Optional.empty());
        assertThat(lightning.address().getHostString()).isEqualTo("static-invoice-server-lightning");
        assertThat(lightning.address().getPort()).isEqualTo(9735);
    }

    @Test
    void mistakesAreNamed() {
        Map<String, String> key = Map.of(CheckOptions.API_KEY_ENV, "k");
        assertThatIllegalArgumentException().isThrownBy(() -> CheckOptions.parse(List.of(), key))
                .withMessage("--url is required");
        assertThatIllegalArgumentException().isThrownBy(() -> CheckOptions.parse(List.of("--url", "sis:8080"), key))
                .withMessage("--url must be an http:// or https:// URL, got 'sis:8080'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CheckOptions.parse(List.of("--url", "http://sis:8080"), Map.of()))
                .withMessage("--api-key or the SIS_CHECK_API_KEY environment variable is required");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CheckOptions.parse(List.of("--url", "http://sis:8080", "--verbose"), key))
                .withMessage("unknown argument '--verbose'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CheckOptions.parse(List.of("--url", "http://sis:8080", "--network"), key))
                .withMessage("--network needs a value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CheckOptions.parse(List.of("--url", "http://sis:8080", "--network", "litecoin"), key))
                .withMessageStartingWith("--network must be");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CheckOptions.parse(List.of("--url", "http://sis:8080", "--timeout-seconds", "0"),
                        key))
                .withMessage("--timeout-seconds must be at least 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CheckOptions.parse(List.of("--url", "http://sis:8080", "--lightning", "nohost"), key))
                .withMessage("expected host:port, got 'nohost'");
    }
}
