package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.Sha256;
import io.staticinvoice.lightning.testing.TestResources;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The BOLT 12 merkle root, driven by {@code signature-test.json}. */
class MerkleTest {

    private static final Pattern LEAF = Pattern.compile("H\\(`LnLeaf`,([0-9a-f]+)\\)");

    static Stream<Arguments> vectors() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode vector : TestResources.json("/vectors/bolt12/signature-test.json")) {
            cases.add(Arguments.of(vector.get("comment").asString(), vector));
        }
        return cases.stream();
    }

    /** The vector's TLV stream, reassembled from the records its leaf entries hash. */
    private static List<TlvRecord> records(JsonNode vector) throws DecodeException {
        StringBuilder stream = new StringBuilder();
        for (JsonNode leaf : vector.get("leaves")) {
            Iterator<Map.Entry<String, JsonNode>> entries = leaf.properties().iterator();
            Matcher matcher = LEAF.matcher(entries.next().getKey());
            assertThat(matcher.matches()).isTrue();
            stream.append(matcher.group(1));
        }
        return TlvStream.decode(Hex.decode(stream.toString()), type -> true).records();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void computesTheMerkleRootOfEachVector(String comment, JsonNode vector) throws DecodeException {
        List<TlvRecord> records = records(vector);
        assertThat(TlvStream.builder().add(records.get(0)).build().encode())
                .isEqualTo(Hex.decode(vector.get("first-tlv").asString()));
        assertThat(Hex.encode(Merkle.root(records))).isEqualTo(vector.get("merkle").asString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void hashesEachLeafWithTheLnLeafTag(String comment, JsonNode vector) throws DecodeException {
        Iterator<TlvRecord> records = records(vector).iterator();
        for (JsonNode leaf : vector.get("leaves")) {
            Map.Entry<String, JsonNode> leafHash = leaf.properties().iterator().next();
            byte[] record = TlvStream.builder().add(records.next()).build().encode();
            assertThat(Hex.encode(Merkle.taggedHash("LnLeaf", record))).isEqualTo(leafHash.getValue().asString());
        }
    }

    @Test
    void signsTheInvoiceRequestVectorWithTheTaggedMerkleRoot() throws DecodeException {
        JsonNode vector = null;
        for (JsonNode candidate : TestResources.json("/vectors/bolt12/signature-test.json")) {
            if (candidate.has("bolt12")) {
                vector = candidate;
            }
        }
        assertThat(vector).isNotNull();
        InvoiceRequest request = InvoiceRequest.decode(vector.get("bolt12").asString());
        assertThat(InvoiceRequest.SIGNATURE_TAG).isEqualTo(vector.get("signature_tag").asString());
        byte[] digest = Merkle.signatureDigest(InvoiceRequest.SIGNATURE_TAG,
                TlvStream.decode(request.bytes(), type -> true).records());
        assertThat(Hex.encode(digest)).isEqualTo(vector.get("H(signature_tag,merkle)").asString());
        assertThat(Hex.encode(request.signature().bytes())).isEqualTo(vector.get("signature").asString());
        assertThat(request.verifySignature()).isTrue();
    }

    @Test
    void taggedHashIsBip340Style() {
        byte[] tag = Sha256.hash("tag".getBytes(StandardCharsets.US_ASCII));
        byte[] message = {1, 2, 3};
        assertThat(Merkle.taggedHash("tag", message)).isEqualTo(Sha256.hash(tag, tag, message));
    }

    @Test
    void ignoresSignatureRecordsButNotTheirNeighbours() throws DecodeException {
        List<TlvRecord> unsigned = List.of(new TlvRecord(1, new byte[] {1}), new TlvRecord(1001, new byte[] {2}));
        List<TlvRecord> signed = List.of(unsigned.get(0), new TlvRecord(240, new byte[64]),
                new TlvRecord(1000, new byte[] {9}), unsigned.get(1));
        assertThat(Merkle.root(signed)).isEqualTo(Merkle.root(unsigned));
        assertThat(Merkle.root(List.of(unsigned.get(0)))).isNotEqualTo(Merkle.root(unsigned));
        assertThatThrownBy(() -> Merkle.root(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Merkle.root(List.of(new TlvRecord(240, new byte[64]))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
