package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.Bech32;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.wire.ChainHash;
import io.staticinvoice.lightning.wire.Features;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A BOLT 12 offer ({@code lno1...}; BOLT 12 "Offers", rust-lightning
 * {@code lightning/src/offers/offer.rs}): an unsigned TLV stream of offer fields that payers
 * turn into invoice requests. Parsing keeps the exact bytes, so an offer re-encodes to what was
 * received; {@link #builder} makes offers for test recipients.
 */
public final class Offer {

    private static final Set<TlvRange> RANGES = EnumSet.of(TlvRange.OFFER, TlvRange.EXPERIMENTAL_OFFER);

    private final byte[] bytes;
    private final OfferContents contents;
    private final OfferId id;

    private Offer(byte[] bytes, OfferContents contents) {
        this.bytes = bytes;
        this.contents = contents;
        this.id = contents.offerId();
    }

    /** Parses and validates an offer's TLV bytes. */
    public static Offer parse(byte[] bytes) throws DecodeException {
        byte[] copy = bytes.clone();
        TlvStream stream = TlvStream.decode(copy, OfferContents::isKnownType);
        TlvRange.requireWithin(stream, RANGES, "offer");
        return new Offer(copy, OfferContents.parse(stream));
    }

    /** Parses an offer from its {@code lno1...} string (with optional {@code +} continuations). */
    public static Offer decode(String text) throws DecodeException {
        return parse(Bech32.decode(text, Bech32.OFFER_HRP));
    }

    /** The {@code lno1...} string of this offer, in lowercase. */
    public String encode() {
        return Bech32.encode(Bech32.OFFER_HRP, bytes);
    }

    /** The exact TLV bytes of this offer. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The parsed offer fields. */
    public OfferContents contents() {
        return contents;
    }

    /** LDK's id of this offer. */
    public OfferId id() {
        return id;
    }

    /** Whether {@code now} is after {@code offer_absolute_expiry}. */
    public boolean isExpired(Instant now) {
        return contents.isExpired(now);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Offer that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return encode();
    }

    /**
     * Starts an offer; set either an issuer signing key or paths (an async-payments offer has
     * both and no amount).
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Assembles an offer's fields in TLV order and validates the result with {@link #parse}, so it
     * can only produce offers this parser accepts.
     */
    public static final class Builder {

        private final List<ChainHash> chains = new ArrayList<>();
        private final List<BlindedMessagePath> paths = new ArrayList<>();
        private byte[] metadata;
        private Amount amount;
        private String description;
        private Features features = Features.empty();
        private Instant absoluteExpiry;
        private String issuer;
        private Quantity quantity = new Quantity.One();
        private PublicKey issuerSigningKey;

        private Builder() {
        }

        /** Adds a chain to {@code offer_chains} (leave empty for bitcoin only). */
        public Builder chain(ChainHash chain) {
            chains.add(Objects.requireNonNull(chain));
            return this;
        }

        /** Sets {@code offer_metadata}. */
        public Builder metadata(byte[] metadata) {
            this.metadata = metadata.clone();
            return this;
        }

        /** Sets {@code offer_amount} (and {@code offer_currency} for a currency amount). */
        public Builder amount(Amount amount) {
            this.amount = Objects.requireNonNull(amount);
            return this;
        }

        /** Sets {@code offer_description}. */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description);
            return this;
        }

        /** Sets {@code offer_features}. */
        public Builder features(Features features) {
            this.features = Objects.requireNonNull(features);
            return this;
        }

        /** Sets {@code offer_absolute_expiry} (whole seconds, not before 1970). */
        public Builder absoluteExpiry(Instant absoluteExpiry) {
            if (absoluteExpiry.getEpochSecond() < 0) {
                throw new IllegalArgumentException("absolute expiry before 1970: " + absoluteExpiry);
            }
            this.absoluteExpiry = absoluteExpiry;
            return this;
        }

        /** Adds a blinded path to {@code offer_paths}. */
        public Builder path(BlindedMessagePath path) {
            paths.add(Objects.requireNonNull(path));
            return this;
        }

        /** Sets {@code offer_issuer}. */
        public Builder issuer(String issuer) {
            this.issuer = Objects.requireNonNull(issuer);
            return this;
        }

        /** Sets {@code offer_quantity_max}. */
        public Builder quantity(Quantity quantity) {
            this.quantity = Objects.requireNonNull(quantity);
            return this;
        }

        /** Sets {@code offer_issuer_id}. */
        public Builder issuerSigningKey(PublicKey issuerSigningKey) {
            this.issuerSigningKey = Objects.requireNonNull(issuerSigningKey);
            return this;
        }

        /**
         * Builds the offer.
         *
         * @throws IllegalStateException if the fields do not form a valid offer
         */
        public Offer build() {
            TlvStream.Builder stream = TlvStream.builder();
            if (!chains.isEmpty()) {
                ByteWriter writer = new ByteWriter();
                chains.forEach(chain -> writer.bytes(chain.bytes()));
                stream.add(OfferContents.CHAINS, writer.toByteArray());
            }
            if (metadata != null) {
                stream.add(OfferContents.METADATA, metadata);
            }
            if (amount instanceof Amount.Currency currency) {
                stream.add(OfferContents.CURRENCY, currency.iso4217Code().getBytes(StandardCharsets.US_ASCII));
                stream.add(OfferContents.AMOUNT, new ByteWriter().tu64(currency.amount()).toByteArray());
            } else if (amount instanceof Amount.Bitcoin bitcoin) {
                stream.add(OfferContents.AMOUNT, new ByteWriter().tu64(bitcoin.msats()).toByteArray());
            }
            if (description != null) {
                stream.add(OfferContents.DESCRIPTION, description.getBytes(StandardCharsets.UTF_8));
            }
            if (!features.equals(Features.empty())) {
                stream.add(OfferContents.FEATURES, features.encode());
            }
            if (absoluteExpiry != null) {
                stream.add(OfferContents.ABSOLUTE_EXPIRY,
                        new ByteWriter().tu64(absoluteExpiry.getEpochSecond()).toByteArray());
            }
            if (!paths.isEmpty()) {
                ByteWriter writer = new ByteWriter();
                BlindedMessagePath.writeAll(writer, paths);
                stream.add(OfferContents.PATHS, writer.toByteArray());
            }
            if (issuer != null) {
                stream.add(OfferContents.ISSUER, issuer.getBytes(StandardCharsets.UTF_8));
            }
            if (quantity instanceof Quantity.Bounded bounded) {
                stream.add(OfferContents.QUANTITY_MAX, new ByteWriter().tu64(bounded.max()).toByteArray());
            } else if (quantity instanceof Quantity.Unbounded) {
                stream.add(OfferContents.QUANTITY_MAX, new byte[0]);
            }
            if (issuerSigningKey != null) {
                stream.add(OfferContents.ISSUER_ID, issuerSigningKey.bytes());
            }
            try {
                return parse(stream.build().encode());
            } catch (DecodeException e) {
                throw new IllegalStateException("not a valid offer: " + e.getMessage(), e);
            }
        }
    }
}
