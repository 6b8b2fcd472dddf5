package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.Bech32;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.wire.ChainHash;
import io.staticinvoice.lightning.wire.Features;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A BOLT 12 invoice request (onion message TLV 64, {@code lnr1...}; BOLT 12 "Invoice Requests",
 * rust-lightning {@code lightning/src/offers/invoice_request.rs}): the offer's fields copied
 * verbatim, the payer's fields, and the payer's signature over the merkle root with tag
 * {@code "lightning" || "invoice_request" || "signature"}. {@link #parse} applies every reader
 * rule of BOLT 12 and LDK's parser and verifies the signature; the exact bytes are kept.
 *
 * <p>One deliberate difference from LDK 0.2.5: LDK rejects requests for offers priced in a
 * currency ({@code UnsupportedCurrency}) because it cannot convert; BOLT 12 allows them, and so
 * does this parser, checking only that {@code invreq_amount} is within the bitcoin supply.
 */
public final class InvoiceRequest {

    /** The tag of the invoice request signature's tagged hash. */
    public static final String SIGNATURE_TAG = "lightning" + "invoice_request" + "signature";

    static final long METADATA = 0;
    static final long CHAIN = 80;
    static final long AMOUNT = 82;
    static final long FEATURES = 84;
    static final long QUANTITY = 86;
    static final long PAYER_ID = 88;
    static final long PAYER_NOTE = 89;
    static final long PATHS = 90;
    static final long BIP_353_NAME = 91;
    static final long SIGNATURE = 240;

    private static final Set<TlvRange> RANGES = EnumSet.of(TlvRange.PAYER, TlvRange.OFFER,
            TlvRange.INVOICE_REQUEST, TlvRange.SIGNATURE, TlvRange.EXPERIMENTAL_OFFER,
            TlvRange.EXPERIMENTAL_INVOICE_REQUEST);

    private final byte[] bytes;
    private final List<TlvRecord> records;
    private final byte[] metadata;
    private final OfferContents offer;
    private final ChainHash chain;
    private final OptionalLong amountMsats;
    private final Features features;
    private final OptionalLong quantity;
    private final PublicKey payerId;
    private final String payerNote;
    private final HumanReadableName offerFromName;
    private final SchnorrSignature signature;

    private InvoiceRequest(byte[] bytes, TlvStream stream, OfferContents offer) throws DecodeException {
        this.bytes = bytes;
        this.records = stream.records();
        this.offer = offer;
        this.metadata = TlvValues.bytes(stream, METADATA, "invreq_metadata")
                .orElseThrow(() -> new DecodeException("invoice request has no invreq_metadata"));
        this.chain = TlvValues.optional(stream, CHAIN, "invreq_chain", reader -> new ChainHash(reader.bytes(32)))
                .orElse(null);
        this.amountMsats = TlvValues.tu64(stream, AMOUNT, "invreq_amount");
        this.features = TlvValues.features(stream, FEATURES, "invreq_features", Features.empty());
        this.quantity = TlvValues.tu64(stream, QUANTITY, "invreq_quantity");
        this.payerId = TlvValues.point(stream, PAYER_ID, "invreq_payer_id")
                .orElseThrow(() -> new DecodeException("invoice request has no invreq_payer_id"));
        this.payerNote = TlvValues.utf8(stream, PAYER_NOTE, "invreq_payer_note").orElse(null);
        if (stream.find(PATHS).isPresent()) {
            throw new DecodeException("invoice request has invreq_paths, which only refunds may carry");
        }
        this.offerFromName = TlvValues.optional(stream, BIP_353_NAME, "invreq_bip_353_name", HumanReadableName::read)
                .orElse(null);
        this.signature = TlvValues.optional(stream, SIGNATURE, "signature",
                reader -> new SchnorrSignature(reader.bytes(SchnorrSignature.LENGTH)))
                .orElseThrow(() -> new DecodeException("invoice request has no signature"));
        checkAgainstOffer();
    }

    private void checkAgainstOffer() throws DecodeException {
        if (!offer.supportedChains().contains(chain())) {
            throw new DecodeException("invreq_chain " + chain() + " is not one of the offer's chains");
        }
        Optional<Amount> offerAmount = offer.amount();
        if (offerAmount.isEmpty() && amountMsats.isEmpty()) {
            throw new DecodeException("invoice request has no invreq_amount for an offer without amount");
        }
        Quantity allowed = offer.quantity();
        if (quantity.isEmpty() && allowed.expectsQuantity()) {
            throw new DecodeException("invoice request has no invreq_quantity but the offer expects one");
        }
        if (quantity.isPresent() && !allowed.expectsQuantity()) {
            throw new DecodeException("invoice request has invreq_quantity but the offer sells one item");
        }
        if (quantity.isPresent() && !allowed.isValid(quantity.getAsLong())) {
            throw new DecodeException("invreq_quantity " + Long.toUnsignedString(quantity.getAsLong())
                    + " is outside the offer's " + allowed);
        }
        if (offerAmount.orElse(null) instanceof Amount.Bitcoin bitcoin) {
            long expected;
            try {
                expected = Math.multiplyExact(bitcoin.msats(), quantity.orElse(1));
            } catch (ArithmeticException e) {
                throw new DecodeException("offer_amount times invreq_quantity overflows");
            }
            if (expected < 0) {
                throw new DecodeException("offer_amount times invreq_quantity overflows");
            }
            if (amountMsats.isPresent() && Long.compareUnsigned(amountMsats.getAsLong(), expected) < 0) {
                throw new DecodeException("invreq_amount is less than the offer's amount");
            }
            if (Long.compareUnsigned(amountMsats.orElse(expected), Amount.MAX_VALUE_MSAT) > 0) {
                throw new DecodeException("amount exceeds the bitcoin supply");
            }
        } else if (amountMsats.isPresent() && Long.compareUnsigned(amountMsats.getAsLong(), Amount.MAX_VALUE_MSAT) > 0) {
            throw new DecodeException("invreq_amount exceeds the bitcoin supply");
        }
    }

    private static boolean isKnownType(long type) {
        return type == METADATA || OfferContents.isKnownType(type)
                || (type >= CHAIN && type <= PATHS && type % 2 == 0)
                || type == PAYER_NOTE || type == BIP_353_NAME || type == SIGNATURE;
    }

    /** Parses and validates an invoice request's TLV bytes and verifies the payer's signature. */
    public static InvoiceRequest parse(byte[] bytes) throws DecodeException {
        byte[] copy = bytes.clone();
        TlvStream stream = TlvStream.decode(copy, InvoiceRequest::isKnownType);
        TlvRange.requireWithin(stream, RANGES, "invoice request");
        InvoiceRequest request = new InvoiceRequest(copy, stream, OfferContents.parse(stream));
        if (!request.verifySignature()) {
            throw new DecodeException("invoice request signature does not verify under invreq_payer_id");
        }
        return request;
    }

    /** Parses an invoice request from its {@code lnr1...} string. */
    public static InvoiceRequest decode(String text) throws DecodeException {
        return parse(Bech32.decode(text, Bech32.INVOICE_REQUEST_HRP));
    }

    /** Whether the signature is valid for this request's merkle root under {@link #payerId}. */
    public boolean verifySignature() {
        return signature.verify(Merkle.signatureDigest(SIGNATURE_TAG, records), payerId);
    }

    /** Whether this request copies exactly the offer fields of {@code offer}. */
    public boolean isFor(Offer offer) {
        return this.offer.equals(offer.contents());
    }

    /** The exact TLV bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@code invreq_metadata}, the payer's unpredictable bytes. */
    public byte[] metadata() {
        return metadata.clone();
    }

    /** The offer fields this request copies. */
    public OfferContents offer() {
        return offer;
    }

    /** LDK's id of the offer this request is for. */
    public OfferId offerId() {
        return offer.offerId();
    }

    /** The chain to pay on: {@code invreq_chain}, or bitcoin when absent. */
    public ChainHash chain() {
        return chain != null ? chain : ChainHash.BITCOIN;
    }

    /** {@code invreq_amount} in millisatoshis (unsigned). */
    public OptionalLong amountMsats() {
        return amountMsats;
    }

    /** {@code invreq_features}; empty when absent. */
    public Features features() {
        return features;
    }

    /** {@code invreq_quantity} (unsigned). */
    public OptionalLong quantity() {
        return quantity;
    }

    /** {@code invreq_payer_id}, the transient key that signed this request. */
    public PublicKey payerId() {
        return payerId;
    }

    /** {@code invreq_payer_note}. */
    public Optional<String> payerNote() {
        return Optional.ofNullable(payerNote);
    }

    /** {@code invreq_bip_353_name}. */
    public Optional<HumanReadableName> offerFromName() {
        return Optional.ofNullable(offerFromName);
    }

    /** The payer's signature. */
    public SchnorrSignature signature() {
        return signature;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InvoiceRequest that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Bech32.encode(Bech32.INVOICE_REQUEST_HRP, bytes);
    }

    /** Starts a request for {@code offer} with the payer's {@code invreq_metadata}. */
    public static Builder builder(Offer offer, byte[] payerMetadata) {
        return new Builder(offer, payerMetadata);
    }

    /**
     * Assembles an invoice request for a reference payer: the offer's records, the payer fields,
     * then the signature; the result is validated with {@link #parse}.
     */
    public static final class Builder {

        private final Offer offer;
        private final byte[] metadata;
        private ChainHash chain;
        private Long amountMsats;
        private Features features = Features.empty();
        private Long quantity;
        private String payerNote;
        private HumanReadableName offerFromName;

        private Builder(Offer offer, byte[] metadata) {
            this.offer = Objects.requireNonNull(offer);
            this.metadata = metadata.clone();
        }

        /** Sets {@code invreq_chain}. */
        public Builder chain(ChainHash chain) {
            this.chain = Objects.requireNonNull(chain);
            return this;
        }

        /** Sets {@code invreq_amount}. */
        public Builder amountMsats(long amountMsats) {
            this.amountMsats = amountMsats;
            return this;
        }

        /** Sets {@code invreq_features}. */
        public Builder features(Features features) {
            this.features = Objects.requireNonNull(features);
            return this;
        }

        /** Sets {@code invreq_quantity}. */
        public Builder quantity(long quantity) {
            this.quantity = quantity;
            return this;
        }

        /** Sets {@code invreq_payer_note}. */
        public Builder payerNote(String payerNote) {
            this.payerNote = Objects.requireNonNull(payerNote);
            return this;
        }

        /** Sets {@code invreq_bip_353_name}. */
        public Builder offerFromName(HumanReadableName offerFromName) {
            this.offerFromName = Objects.requireNonNull(offerFromName);
            return this;
        }

        /**
         * Signs the request with {@code payerKey}, whose public key becomes {@code invreq_payer_id}.
         *
         * @throws IllegalStateException if the fields do not form a valid request for the offer
         */
        public InvoiceRequest sign(PrivateKey payerKey) {
            TlvStream.Builder stream = TlvStream.builder()
                    .add(METADATA, metadata)
                    .addAll(offer.contents().records());
            if (chain != null) {
                stream.add(CHAIN, chain.bytes());
            }
            if (amountMsats != null) {
                stream.add(AMOUNT, new ByteWriter().tu64(amountMsats).toByteArray());
            }
            if (!features.equals(Features.empty())) {
                stream.add(FEATURES, features.encode());
            }
            if (quantity != null) {
                stream.add(QUANTITY, new ByteWriter().tu64(quantity).toByteArray());
            }
            stream.add(PAYER_ID, payerKey.publicKey().bytes());
            if (payerNote != null) {
                stream.add(PAYER_NOTE, payerNote.getBytes(StandardCharsets.UTF_8));
            }
            if (offerFromName != null) {
                ByteWriter writer = new ByteWriter();
                offerFromName.write(writer);
                stream.add(BIP_353_NAME, writer.toByteArray());
            }
            return Signing.signAndParse(stream, SIGNATURE_TAG, SIGNATURE, payerKey, InvoiceRequest::parse,
                    "invoice request");
        }
    }
}
