package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.wire.ChainHash;
import io.staticinvoice.lightning.wire.Features;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The offer fields (TLV types 1..79 and the experimental offer range) as they appear in an offer
 * and, copied verbatim, in every invoice request and invoice made from it (BOLT 12 "Offers";
 * rust-lightning {@code OfferContents} in {@code lightning/src/offers/offer.rs}). It keeps the
 * exact records it was parsed from (unknown odd ones included): two messages are for the same
 * offer exactly when these records are equal.
 *
 * <p>Beyond LDK 0.2.5's parser, and as BOLT 12 readers must, it rejects unknown required (even)
 * {@code offer_features} bits and an {@code offer_chains} with no chain; it also rejects an
 * {@code offer_paths} holding no path, which LDK never writes.
 */
public final class OfferContents {

    static final long CHAINS = 2;
    static final long METADATA = 4;
    static final long CURRENCY = 6;
    static final long AMOUNT = 8;
    static final long DESCRIPTION = 10;
    static final long FEATURES = 12;
    static final long ABSOLUTE_EXPIRY = 14;
    static final long PATHS = 16;
    static final long ISSUER = 18;
    static final long QUANTITY_MAX = 20;
    static final long ISSUER_ID = 22;

    private final List<TlvRecord> records;
    private final List<ChainHash> chains;
    private final byte[] metadata;
    private final Amount amount;
    private final String description;
    private final Features features;
    private final Instant absoluteExpiry;
    private final List<BlindedMessagePath> paths;
    private final String issuer;
    private final Quantity quantity;
    private final PublicKey issuerSigningKey;

    private OfferContents(List<TlvRecord> records, List<ChainHash> chains, byte[] metadata, Amount amount,
            String description, Features features, Instant absoluteExpiry, List<BlindedMessagePath> paths,
            String issuer, Quantity quantity, PublicKey issuerSigningKey) {
        this.records = records;
        this.chains = chains;
        this.metadata = metadata;
        this.amount = amount;
        this.description = description;
        this.features = features;
        this.absoluteExpiry = absoluteExpiry;
        this.paths = paths;
        this.issuer = issuer;
        this.quantity = quantity;
        this.issuerSigningKey = issuerSigningKey;
    }

    /** Whether {@code type} is an offer field this parser understands. */
    static boolean isKnownType(long type) {
        return type >= CHAINS && type <= ISSUER_ID && type % 2 == 0;
    }

    /**
     * Parses and validates the offer fields of a decoded message (whose records the caller has
     * already confined to allowed ranges), with the rules of BOLT 12 "Requirements For Offers"
     * and rust-lightning's {@code TryFrom<FullOfferTlvStream> for OfferContents}.
     */
    static OfferContents parse(TlvStream stream) throws DecodeException {
        List<ChainHash> chains = TlvValues.optional(stream, CHAINS, "offer_chains", OfferContents::readChains)
                .orElse(List.of());
        byte[] metadata = TlvValues.bytes(stream, METADATA, "offer_metadata").orElse(null);
        Optional<byte[]> currency = TlvValues.optional(stream, CURRENCY, "offer_currency", reader -> reader.bytes(3));
        OptionalLong amountValue = TlvValues.tu64(stream, AMOUNT, "offer_amount");
        String description = TlvValues.utf8(stream, DESCRIPTION, "offer_description").orElse(null);
        Features features = TlvValues.features(stream, FEATURES, "offer_features", Features.empty());
        OptionalLong expiry = TlvValues.tu64(stream, ABSOLUTE_EXPIRY, "offer_absolute_expiry");
        List<BlindedMessagePath> paths = TlvValues.messagePaths(stream, PATHS, "offer_paths").orElse(List.of());
        String issuer = TlvValues.utf8(stream, ISSUER, "offer_issuer").orElse(null);
        OptionalLong quantityMax = TlvValues.tu64(stream, QUANTITY_MAX, "offer_quantity_max");
        PublicKey issuerSigningKey = TlvValues.point(stream, ISSUER_ID, "offer_issuer_id").orElse(null);

        Amount amount = amount(currency, amountValue);
        if (amount != null && description == null) {
            throw new DecodeException("offer_amount is set without offer_description");
        }
        if (issuerSigningKey == null && paths.isEmpty()) {
            throw new DecodeException("offer has neither offer_issuer_id nor offer_paths");
        }
        Quantity quantity = !quantityMax.isPresent() ? new Quantity.One()
                : quantityMax.getAsLong() == 0 ? new Quantity.Unbounded()
                : new Quantity.Bounded(quantityMax.getAsLong());
        Instant absoluteExpiry = expiry.isPresent() ? instantOfUnsignedSeconds(expiry.getAsLong()) : null;
        return new OfferContents(TlvRange.select(stream, TlvRange.OFFER_PART), chains, metadata, amount,
                description, features, absoluteExpiry, paths, issuer, quantity, issuerSigningKey);
    }

    private static List<ChainHash> readChains(ByteReader reader) throws DecodeException {
        if (!reader.hasRemaining()) {
            throw new DecodeException("no chain");
        }
        if (reader.remaining() % ChainHash.LENGTH != 0) {
            throw new DecodeException("length " + reader.remaining() + " is not a multiple of " + ChainHash.LENGTH);
        }
        List<ChainHash> chains = new ArrayList<>();
        while (reader.hasRemaining()) {
            chains.add(new ChainHash(reader.bytes(ChainHash.LENGTH)));
        }
        return List.copyOf(chains);
    }

    private static Amount amount(Optional<byte[]> currency, OptionalLong amount) throws DecodeException {
        if (currency.isEmpty()) {
            if (amount.isEmpty()) {
                return null;
            }
            long msats = amount.getAsLong();
            if (msats == 0 || Long.compareUnsigned(msats, Amount.MAX_VALUE_MSAT) > 0) {
                throw new DecodeException("offer_amount must be 1.." + Amount.MAX_VALUE_MSAT + " msat, got "
                        + Long.toUnsignedString(msats));
            }
            return new Amount.Bitcoin(msats);
        }
        if (amount.isEmpty()) {
            throw new DecodeException("offer_currency is set without offer_amount");
        }
        if (amount.getAsLong() == 0) {
            throw new DecodeException("offer_amount must be positive");
        }
        String code = new String(currency.get(), StandardCharsets.ISO_8859_1);
        if (!Amount.Currency.isValidCode(code)) {
            throw new DecodeException("offer_currency is not three uppercase ASCII letters");
        }
        return new Amount.Currency(code, amount.getAsLong());
    }

    /** An unsigned epoch-seconds value as an instant; values beyond {@link Instant#MAX} become it. */
    static Instant instantOfUnsignedSeconds(long seconds) {
        return Long.compareUnsigned(seconds, Instant.MAX.getEpochSecond()) > 0
                ? Instant.MAX
                : Instant.ofEpochSecond(seconds);
    }

    /** The exact offer records (offer and experimental offer ranges), in stream order. */
    public List<TlvRecord> records() {
        return records;
    }

    /** LDK's id of this offer. */
    public OfferId offerId() {
        return OfferId.of(records);
    }

    /** {@code offer_chains}; empty when absent, which means bitcoin only. */
    public List<ChainHash> chains() {
        return chains;
    }

    /** The chains invoices may be for: {@code offer_chains}, or bitcoin when absent. */
    public List<ChainHash> supportedChains() {
        return chains.isEmpty() ? List.of(ChainHash.BITCOIN) : chains;
    }

    /** {@code offer_metadata}, the issuer's own data. */
    public Optional<byte[]> metadata() {
        return Optional.ofNullable(metadata).map(byte[]::clone);
    }

    /** {@code offer_amount} with {@code offer_currency}; absent for "any amount" offers. */
    public Optional<Amount> amount() {
        return Optional.ofNullable(amount);
    }

    /** {@code offer_description}. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** {@code offer_features}; empty when absent. */
    public Features features() {
        return features;
    }

    /** {@code offer_absolute_expiry}. */
    public Optional<Instant> absoluteExpiry() {
        return Optional.ofNullable(absoluteExpiry);
    }

    /** Whether {@code now} is after {@code offer_absolute_expiry}. */
    public boolean isExpired(Instant now) {
        return absoluteExpiry != null && now.isAfter(absoluteExpiry);
    }

    /** {@code offer_paths}; empty when absent. */
    public List<BlindedMessagePath> paths() {
        return paths;
    }

    /** {@code offer_issuer}. */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /** How many items an invoice may cover ({@code offer_quantity_max}). */
    public Quantity quantity() {
        return quantity;
    }

    /** {@code offer_issuer_id}, the key invoices are signed with when present. */
    public Optional<PublicKey> issuerSigningKey() {
        return Optional.ofNullable(issuerSigningKey);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OfferContents that && records.equals(that.records);
    }

    @Override
    public int hashCode() {
        return records.hashCode();
    }

    @Override
    public String toString() {
        return "OfferContents" + records;
    }
}
