package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BOLT 8 handshake test vectors: each HKDF(ck, ss) step and the final HKDF(ck, zero) split. */
class HkdfTest {

    @ParameterizedTest
    @CsvSource({
        "2640f52eebcd9e882958951c794250eedb28002c05d7dc2ea0f195406042caf1,"
                + "1e2fb3c8fe8fb9f262f649f64d26ecf0f2c0a805a767cf02dc2d77a6ef1fdcc3,"
                + "b61ec1191326fa240decc9564369dbb3ae2b34341d1e11ad64ed89f89180582f,"
                + "e68f69b7f096d7917245f5e5cf8ae1595febe4d4644333c99f9c4a1282031c9f",
        "b61ec1191326fa240decc9564369dbb3ae2b34341d1e11ad64ed89f89180582f,"
                + "c06363d6cc549bcb7913dbb9ac1c33fc1158680c89e972000ecd06b36c472e47,"
                + "e89d31033a1b6bf68c07d22e08ea4d7884646c4b60a9528598ccb4ee2c8f56ba,"
                + "908b166535c01a935cf1e130a5fe895ab4e6f3ef8855d87e9b7581c4ab663ddc",
        "919219dbb2920afa8db80f9a51787a840bcf111ed8d588caf9ab4be716e42b01,"
                + "'',"
                + "969ab31b4d288cedf6218839b27a3e2140827047f2c0f01bf5c04435d43511a9,"
                + "bb9020b8965f4df047e07f955f3c4b88418984aadc5cdb35096b9ea8fa5c3442",
    })
    void matchesBolt8Vectors(String salt, String ikm, String first, String second) throws DecodeException {
        Hkdf.TwoKeys keys = Hkdf.extractExpand2(Hex.decode(salt), Hex.decode(ikm));
        assertThat(Hex.encode(keys.first())).isEqualTo(first);
        assertThat(Hex.encode(keys.second())).isEqualTo(second);
    }
}
