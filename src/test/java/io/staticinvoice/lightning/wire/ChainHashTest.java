package io.staticinvoice.lightning.wire;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BOLT 0 chain hashes by network name. */
class ChainHashTest {

    @Test
    void mapsNetworkNames() {
        assertThat(ChainHash.forNetwork("bitcoin")).isEqualTo(ChainHash.BITCOIN);
        assertThat(ChainHash.forNetwork("MAINNET")).isEqualTo(ChainHash.BITCOIN);
        assertThat(ChainHash.forNetwork("regtest")).isEqualTo(ChainHash.REGTEST);
        assertThat(ChainHash.BITCOIN.toString()).endsWith("0000000000");
        assertThatThrownBy(() -> ChainHash.forNetwork("liquid")).isInstanceOf(IllegalArgumentException.class);
    }
}
