package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.api.Test;

/** {@code invreq_bip_353_name} with LDK's {@code HumanReadableName} rules. */
class HumanReadableNameTest {

    @Test
    void readsAndWritesUserAndDomain() throws DecodeException {
        byte[] bytes = Hex.decode("05616c696365" + "0b6578616d706c652e636f6d");
        HumanReadableName name = HumanReadableName.read(new ByteReader(bytes));
        assertThat(name).isEqualTo(new HumanReadableName("alice", "example.com"));
        ByteWriter writer = new ByteWriter();
        name.write(writer);
        assertThat(writer.toByteArray()).isEqualTo(bytes);
    }

    @Test
    void acceptsTheBip353CharacterSetAndATrailingDot() {
        assertThat(new HumanReadableName("a_b-c.d", "example.com.").toString()).isEqualTo("a_b-c.d@example.com.");
        assertThat(new HumanReadableName("u", "d".repeat(230)).domain()).hasSize(230);
        assertThat(new HumanReadableName("u", "d".repeat(230) + ".").domain()).hasSize(231);
    }

    @Test
    void rejectsEmptyPartsLongNamesAndOtherCharacters() {
        assertThatThrownBy(() -> new HumanReadableName("", "example.com")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new HumanReadableName("a", ".")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new HumanReadableName("a", "b".repeat(231))).hasMessageContaining("longer than 231");
        assertThatThrownBy(() -> new HumanReadableName("ä", "b")).hasMessageContaining("character outside");
        assertThatThrownBy(() -> new HumanReadableName("a b", "b")).hasMessageContaining("character outside");
        assertThatThrownBy(() -> HumanReadableName.read(new ByteReader(Hex.decode("0161" + "0121"))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("character outside");
        assertThatThrownBy(() -> HumanReadableName.read(new ByteReader(Hex.decode("0561"))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("truncated");
    }
}
