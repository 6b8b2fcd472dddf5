package io.staticinvoice.lightning.onion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.testing.TestResources;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * LDK's {@code Vec<BlindedMessagePath>} against the real paths an LDK 0.2.5 static invoice server
 * handed its recipient ({@code server-paths.hex}, decoded in {@code server-paths.decoded.txt}).
 */
class BlindedMessagePathTest {

    private static final Pattern PATH = Pattern.compile("path\\[\\d+] intro=(\\w+) blinding_point=(\\w+) hops=(\\d+)");
    private static final Pattern HOP =
            Pattern.compile("hop\\[\\d+] blinded_node_id=(\\w+) encrypted_payload\\((\\d+)\\)=(\\w+)");

    @Test
    void decodesLdkServerPathsFieldByField() throws DecodeException {
        List<BlindedMessagePath> paths = BlindedMessagePath.decodeList(TestResources.ldkHex("server-paths.hex"));
        String decoded = TestResources.text("/fixtures/ldk-0.2.5/server-paths.decoded.txt");

        Matcher pathLine = PATH.matcher(decoded);
        List<String> hopLines = new ArrayList<>();
        Matcher hopLine = HOP.matcher(decoded);
        while (hopLine.find()) {
            hopLines.add(hopLine.group(1) + ":" + hopLine.group(2) + ":" + hopLine.group(3));
        }
        assertThat(pathLine.find()).isTrue();
        assertThat(paths).hasSize(1);
        BlindedMessagePath path = paths.get(0);
        assertThat(path.introductionNode()).isInstanceOfSatisfying(IntroductionNode.NodeId.class,
                node -> assertThat(node.publicKey().hex()).isEqualTo(pathLine.group(1)));
        assertThat(path.pathKey().hex()).isEqualTo(pathLine.group(2));
        assertThat(path.hops()).hasSize(Integer.parseInt(pathLine.group(3)));
        assertThat(path.hops()).extracting(hop -> hop.blindedNodeId().hex() + ":" + hop.payloadLength() + ":"
                + Hex.encode(hop.encryptedPayload())).containsExactlyElementsOf(hopLines);
        assertThat(TestResources.text("/fixtures/ldk-0.2.5/raw/server-node-id.hex").strip())
                .isEqualTo(pathLine.group(1));
    }

    @Test
    void reencodesLdkServerPathsToIdenticalBytes() throws DecodeException {
        byte[] bytes = TestResources.ldkHex("server-paths.hex");
        assertThat(BlindedMessagePath.encodeList(BlindedMessagePath.decodeList(bytes))).isEqualTo(bytes);
    }

    @Test
    void roundTripsRandomPathListsInBothListForms() throws DecodeException {
        BlindedPathGenerator generator = new BlindedPathGenerator(1);
        for (int round = 0; round < 200; round++) {
            List<BlindedMessagePath> paths = new ArrayList<>();
            for (int i = round % 4; i > 0; i--) {
                paths.add(generator.messagePath());
            }
            assertThat(BlindedMessagePath.decodeList(BlindedMessagePath.encodeList(paths))).isEqualTo(paths);
            ByteWriter writer = new ByteWriter();
            BlindedMessagePath.writeAll(writer, paths);
            assertThat(BlindedMessagePath.readAll(new ByteReader(writer.toByteArray()))).isEqualTo(paths);
        }
    }

    @Test
    void rejectsTrailingBytesAndTruncation() throws DecodeException {
        byte[] bytes = TestResources.ldkHex("server-paths.hex");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> BlindedMessagePath.decodeList(longer)).hasMessageContaining("trailing bytes");
        for (int length = 0; length < bytes.length; length++) {
            byte[] shorter = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> BlindedMessagePath.decodeList(shorter)).isInstanceOf(DecodeException.class);
        }
        assertThat(BlindedMessagePath.decodeList(new byte[] {0, 0})).isEmpty();
        // a count above 2^63 (negative as a Java long) must still demand its paths
        assertThatThrownBy(() -> BlindedMessagePath.decodeList(Hex.decode("ffff7fffffffffffffff")))
                .hasMessageContaining("truncated");
    }

    @Test
    void onlyEverThrowsDecodeExceptionOnRandomBytes() {
        BlindedPathGenerator generator = new BlindedPathGenerator(2);
        byte[] valid = TestResources.ldkHex("server-paths.hex");
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            byte[] input = i % 2 == 0 ? generator.bytes(300) : valid.clone();
            if (i % 2 == 1) {
                input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
            }
            try {
                BlindedMessagePath.decodeList(input);
                BlindedMessagePath.readAll(new ByteReader(input));
            } catch (DecodeException expected) {
                // the only failure allowed
            }
        }
    }
}
