package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.support.IntegrationTest;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real LDK 0.2.5 captures ({@code fixtures/ldk-0.2.5}). Our offer paths are built with LDK
 * 0.2.5's policy here (4 hops, full padding), as the captured server built them, so that they
 * have exactly its shapes.
 */
@IntegrationTest
class Ldk025CaptureReplayTest extends LdkCaptureReplay {

    private static final Capture CAPTURE = new Capture("fixtures/ldk-0.2.5/", List.of(
            new PayerRequest("server-0008-wire-in-onion_message-from-031118c4.hex",
                    "server-0009-in-invoice_request-tlv64.hex", "server-0010-out-invoice_request-tlv64.hex",
                    "server-0011-out-static_invoice-tlv70.hex", "server-0012-wire-out-onion_message-to-031118c4.hex"),
            new PayerRequest("server-0013-wire-in-onion_message-from-031118c4.hex",
                    "server-0014-in-invoice_request-tlv64.hex", "server-0016-out-invoice_request-tlv64.hex",
                    "server-0017-out-static_invoice-tlv70.hex", "server-0018-wire-out-onion_message-to-031118c4.hex")),
            "server-0015-wire-in-onion_message-from-031118c4.hex");

    @DynamicPropertySource
    static void runAsTheLdkServerWithItsPolicy(DynamicPropertyRegistry registry) {
        runAsTheLdkServer(registry, CAPTURE);
        registry.add("sis.paths.offer-path-length", () -> "4");
        registry.add("sis.paths.offer-path-compact-padding", () -> "false");
    }

    @Override
    Capture capture() {
        return CAPTURE;
    }

    @Override
    void assertOfferPathsLikeLdks(List<BlindedMessagePath> ours, List<BlindedMessagePath> ldks) {
        assertThat(shapes(ours)).isEqualTo(shapes(ldks));
    }
}
