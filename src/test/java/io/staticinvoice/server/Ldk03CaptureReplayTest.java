package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.IntroductionNode;
import io.staticinvoice.support.IntegrationTest;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The captures of real LDK 0.3.0-beta1 nodes ({@code fixtures/ldk-0.3.0-beta1}), replayed with our
 * default path policy, which is LDK 0.3's: the LDK server's offer path is one hop with compact
 * padding, and so is ours, only smaller (our context is). The LDK server named itself in it by a
 * channel (LDK's compact introduction node, from its network graph); a server without channels
 * names itself by node id.
 */
@IntegrationTest
class Ldk03CaptureReplayTest extends LdkCaptureReplay {

    private static final Capture CAPTURE = new Capture("fixtures/ldk-0.3.0-beta1/", List.of(
            new PayerRequest("server-0008-wire-in-onion_message-from-031118c4.hex",
                    "server-0009-in-invoice_request-tlv64.hex", "server-0010-out-invoice_request-tlv64.hex",
                    "server-0011-out-static_invoice-tlv70.hex", "server-0012-wire-out-onion_message-to-031118c4.hex"),
            new PayerRequest("server-0013-wire-in-onion_message-from-031118c4.hex",
                    "server-0014-in-invoice_request-tlv64.hex", "server-0015-out-invoice_request-tlv64.hex",
                    "server-0016-out-static_invoice-tlv70.hex", "server-0017-wire-out-onion_message-to-031118c4.hex")),
            "server-0018-wire-in-onion_message-from-031118c4.hex");

    @DynamicPropertySource
    static void runAsTheLdkServerWithDefaults(DynamicPropertyRegistry registry) {
        runAsTheLdkServer(registry, CAPTURE);
    }

    @Override
    Capture capture() {
        return CAPTURE;
    }

    @Override
    void assertOfferPathsLikeLdks(List<BlindedMessagePath> ours, List<BlindedMessagePath> ldks) {
        assertThat(ours).hasSameSizeAs(ldks).hasSize(1);
        assertThat(ldks.get(0).introductionNode()).isInstanceOf(IntroductionNode.DirectedShortChannelId.class);
        assertThat(ours.get(0).introductionNode()).isInstanceOf(IntroductionNode.NodeId.class);
        assertThat(ours.get(0).hops()).hasSameSizeAs(ldks.get(0).hops()).hasSize(1);
        assertThat(ours.get(0).hops().get(0).payloadLength()).as("our final hop, compact, is smaller than LDK's")
                .isLessThan(ldks.get(0).hops().get(0).payloadLength());
    }
}
