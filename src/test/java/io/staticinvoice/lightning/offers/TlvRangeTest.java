package io.staticinvoice.lightning.offers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BOLT 12's TLV type ranges, with their unsigned upper end. */
class TlvRangeTest {

    @Test
    void boundsAreInclusive() {
        assertThat(TlvRange.PAYER.contains(0)).isTrue();
        assertThat(TlvRange.OFFER.contains(1)).isTrue();
        assertThat(TlvRange.OFFER.contains(79)).isTrue();
        assertThat(TlvRange.OFFER.contains(80)).isFalse();
        assertThat(TlvRange.SIGNATURE.contains(240)).isTrue();
        assertThat(TlvRange.SIGNATURE.contains(1000)).isTrue();
        assertThat(TlvRange.SIGNATURE.contains(1001)).isFalse();
        assertThat(TlvRange.EXPERIMENTAL_OFFER.contains(1_999_999_999L)).isTrue();
        assertThat(TlvRange.EXPERIMENTAL_INVOICE_REQUEST.contains(2_000_000_000L)).isTrue();
        assertThat(TlvRange.EXPERIMENTAL_INVOICE.contains(-1L)).isTrue();
        assertThat(TlvRange.EXPERIMENTAL_INVOICE.contains(2_999_999_999L)).isFalse();
    }

    @Test
    void selectsAndConfinesRecords() throws DecodeException {
        TlvStream stream = new TlvStream(List.of(new TlvRecord(0, new byte[0]), new TlvRecord(22, new byte[0]),
                new TlvRecord(88, new byte[0]), new TlvRecord(1_000_000_001L, new byte[0])));
        assertThat(TlvRange.select(stream, TlvRange.OFFER_PART)).extracting(TlvRecord::type)
                .containsExactly(22L, 1_000_000_001L);
        TlvRange.requireWithin(stream, EnumSet.of(TlvRange.PAYER, TlvRange.OFFER, TlvRange.INVOICE_REQUEST,
                TlvRange.EXPERIMENTAL_OFFER), "test");
        assertThatThrownBy(() -> TlvRange.requireWithin(stream, TlvRange.OFFER_PART, "offer"))
                .hasMessage("offer contains TLV type 0 outside its allowed ranges");
    }
}
