package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;
import io.staticinvoice.lightning.crypto.Curves;
import io.staticinvoice.lightning.crypto.EllipticCurve;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPath;
import io.staticinvoice.lightning.onion.BlindedPayInfo;
import io.staticinvoice.lightning.onion.BlindedPaymentPath;
import io.staticinvoice.lightning.wire.Features;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * LDK's static invoice (rust-lightning {@code lightning/src/offers/static_invoice.rs}, onion
 * message TLV 70): a reusable invoice an always-online server hands out for an often-offline
 * recipient. It is the recipient's offer records copied verbatim, the BOLT 12 invoice fields
 * without payment hash or amount ({@code invoice_paths}, {@code invoice_blindedpay},
 * {@code invoice_created_at}, optional {@code invoice_relative_expiry} - default two weeks -,
 * {@code invoice_fallbacks}, {@code invoice_features}, {@code invoice_node_id}), LDK's
 * {@code message_paths} (type 236) over which payers reach the recipient, and a signature with
 * tag {@code "lightning" || "static_invoice" || "signature"} by {@code invoice_node_id}.
 * Instances keep their exact bytes.
 *
 * <p>Beyond LDK's parser, it rejects unknown required {@code invoice_features} bits (a payer would
 * refuse such an invoice, BOLT 12 "Invoices") and an empty {@code message_paths} (LDK's builder
 * never makes one; a payer could not reach the recipient with it).
 */
public final class StaticInvoice {

    /** The tag of the static invoice signature's tagged hash. */
    public static final String SIGNATURE_TAG = "lightning" + "static_invoice" + "signature";

    /** How long a static invoice lasts without {@code invoice_relative_expiry}. */
    public static final Duration DEFAULT_RELATIVE_EXPIRY = Duration.ofDays(14);

    static final long PAYMENT_PATHS = 160;
    static final long BLINDED_PAY = 162;
    static final long CREATED_AT = 164;
    static final long RELATIVE_EXPIRY = 166;
    static final long PAYMENT_HASH = 168;
    static final long AMOUNT = 170;
    static final long FALLBACKS = 172;
    static final long FEATURES = 174;
    static final long NODE_ID = 176;
    static final long MESSAGE_PATHS = 236;
    static final long SIGNATURE = 240;

    /** The invoice features LDK 0.2.5 knows ({@code Bolt12InvoiceFeatures}): basic MPP (16/17), trampoline (56/57). */
    private static final Features KNOWN_FEATURES = Features.empty().withBit(17).withBit(57);

    private static final Set<TlvRange> RANGES = EnumSet.of(TlvRange.OFFER, TlvRange.INVOICE, TlvRange.SIGNATURE,
            TlvRange.EXPERIMENTAL_OFFER, TlvRange.EXPERIMENTAL_INVOICE);

    private final byte[] bytes;
    private final List<TlvRecord> records;
    private final OfferContents offer;
    private final List<BlindedPaymentPath> paymentPaths;
    private final Instant createdAt;
    private final Duration relativeExpiry;
    private final List<FallbackAddress> fallbacks;
    private final Features features;
    private final PublicKey signingPubkey;
    private final List<BlindedMessagePath> messagePaths;
    private final SchnorrSignature signature;

    private StaticInvoice(byte[] bytes, TlvStream stream) throws DecodeException {
        this.bytes = bytes;
        this.records = stream.records();
        if (stream.find(PAYMENT_HASH).isPresent()) {
            throw new DecodeException("static invoice has invoice_payment_hash");
        }
        if (stream.find(AMOUNT).isPresent()) {
            throw new DecodeException("static invoice has invoice_amount");
        }
        this.paymentPaths = paymentPaths(stream);
        this.messagePaths = TlvValues.messagePaths(stream, MESSAGE_PATHS, "message_paths")
                .orElseThrow(() -> new DecodeException("static invoice has no message_paths"));
        this.createdAt = OfferContents.instantOfUnsignedSeconds(TlvValues.tu64(stream, CREATED_AT, "invoice_created_at")
                .orElseThrow(() -> new DecodeException("static invoice has no invoice_created_at")));
        this.relativeExpiry = TlvValues.tu32(stream, RELATIVE_EXPIRY, "invoice_relative_expiry").stream()
                .mapToObj(Duration::ofSeconds).findFirst().orElse(DEFAULT_RELATIVE_EXPIRY);
        this.fallbacks = TlvValues.list(stream, FALLBACKS, "invoice_fallbacks", FallbackAddress::read)
                .orElse(List.of());
        this.features = TlvValues.features(stream, FEATURES, "invoice_features", KNOWN_FEATURES);
        this.signingPubkey = TlvValues.point(stream, NODE_ID, "invoice_node_id")
                .orElseThrow(() -> new DecodeException("static invoice has no invoice_node_id"));
        this.offer = OfferContents.parse(stream);
        if (offer.paths().isEmpty()) {
            throw new DecodeException("static invoice's offer has no offer_paths");
        }
        if (offer.chains().size() > 1) {
            throw new DecodeException("static invoice's offer has more than one chain");
        }
        checkSigningPubkey();
        this.signature = TlvValues.optional(stream, SIGNATURE, "signature",
                reader -> new SchnorrSignature(reader.bytes(SchnorrSignature.LENGTH)))
                .orElseThrow(() -> new DecodeException("static invoice has no signature"));
    }

    private static List<BlindedPaymentPath> paymentPaths(TlvStream stream) throws DecodeException {
        List<BlindedPath> paths = TlvValues.list(stream, PAYMENT_PATHS, "invoice_paths", BlindedPath::read)
                .orElseThrow(() -> new DecodeException("static invoice has no invoice_paths"));
        List<BlindedPayInfo> payInfos = TlvValues.list(stream, BLINDED_PAY, "invoice_blindedpay", BlindedPayInfo::read)
                .orElseThrow(() -> new DecodeException("static invoice has no invoice_blindedpay"));
        if (paths.isEmpty()) {
            throw new DecodeException("static invoice has no payment path");
        }
        if (paths.size() != payInfos.size()) {
            throw new DecodeException("static invoice has " + paths.size() + " invoice_paths but "
                    + payInfos.size() + " invoice_blindedpay entries");
        }
        List<BlindedPaymentPath> paymentPaths = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            paymentPaths.add(new BlindedPaymentPath(paths.get(i), payInfos.get(i)));
        }
        return List.copyOf(paymentPaths);
    }

    /** LDK's {@code check_invoice_signing_pubkey}: the issuer id, else a final blinded node id of the offer. */
    private void checkSigningPubkey() throws DecodeException {
        if (offer.issuerSigningKey().isPresent()) {
            if (!offer.issuerSigningKey().get().equals(signingPubkey)) {
                throw new DecodeException("invoice_node_id differs from offer_issuer_id");
            }
        } else if (offer.paths().stream().noneMatch(path -> path.path().finalBlindedNodeId().equals(signingPubkey))) {
            throw new DecodeException("invoice_node_id is not the final blinded node id of any offer path");
        }
    }

    private static boolean isKnownType(long type) {
        return OfferContents.isKnownType(type)
                || (type >= PAYMENT_PATHS && type <= NODE_ID && type % 2 == 0)
                || type == MESSAGE_PATHS || type == SIGNATURE;
    }

    /** Parses and validates a static invoice and verifies its signature: what a server must accept. */
    public static StaticInvoice parse(byte[] bytes) throws DecodeException {
        StaticInvoice invoice = parseUnverified(bytes);
        if (!invoice.verifySignature()) {
            throw new DecodeException("static invoice signature does not verify under invoice_node_id");
        }
        return invoice;
    }

    /**
     * Parses and validates a static invoice without checking its signature - for bytes verified
     * before (e.g. when they were stored); {@link #verifySignature} checks it later.
     */
    public static StaticInvoice parseUnverified(byte[] bytes) throws DecodeException {
        byte[] copy = bytes.clone();
        TlvStream stream = TlvStream.decode(copy, StaticInvoice::isKnownType);
        TlvRange.requireWithin(stream, RANGES, "static invoice");
        return new StaticInvoice(copy, stream);
    }

    /** Whether the signature is valid for this invoice's merkle root under {@link #signingPubkey}. */
    public boolean verifySignature() {
        return verifySignature(Curves.get());
    }

    /** {@link #verifySignature()} with a given secp256k1 implementation (cross-checks, benchmarks). */
    public boolean verifySignature(EllipticCurve curve) {
        return signature.verify(Merkle.signatureDigest(SIGNATURE_TAG, records), signingPubkey, curve);
    }

    /** When this invoice stops being payable: {@code created_at + relative_expiry} (saturating). */
    public Instant expiresAt() {
        long latestStart = Instant.MAX.getEpochSecond() - relativeExpiry.getSeconds();
        return createdAt.getEpochSecond() > latestStart ? Instant.MAX : createdAt.plus(relativeExpiry);
    }

    /** Whether {@code now} is after {@link #expiresAt} (LDK's {@code is_expired_no_std}). */
    public boolean isExpired(Instant now) {
        return now.isAfter(expiresAt());
    }

    /** Whether {@code now} is after the offer's {@code offer_absolute_expiry}. */
    public boolean isOfferExpired(Instant now) {
        return offer.isExpired(now);
    }

    /** Whether {@code request} copies exactly this invoice's offer records (LDK's {@code is_from_same_offer}). */
    public boolean isFor(InvoiceRequest request) {
        return offer.equals(request.offer());
    }

    /** The exact TLV bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The size of the encoding in bytes. */
    public int size() {
        return bytes.length;
    }

    /** The offer fields this invoice copies. */
    public OfferContents offer() {
        return offer;
    }

    /** The exact offer records, i.e. the offer's TLV bytes. */
    public byte[] offerBytes() {
        return TlvStream.builder().addAll(offer.records()).build().encode();
    }

    /** LDK's id of the offer this invoice is for. */
    public OfferId offerId() {
        return offer.offerId();
    }

    /** Blinded payment paths to the recipient with their payinfo; at least one. */
    public List<BlindedPaymentPath> paymentPaths() {
        return paymentPaths;
    }

    /** Blinded message paths to the recipient, for {@code held_htlc_available}; at least one. */
    public List<BlindedMessagePath> messagePaths() {
        return messagePaths;
    }

    /** {@code invoice_created_at}. */
    public Instant createdAt() {
        return createdAt;
    }

    /** {@code invoice_relative_expiry}, or {@link #DEFAULT_RELATIVE_EXPIRY} when absent. */
    public Duration relativeExpiry() {
        return relativeExpiry;
    }

    /** {@code invoice_fallbacks}; empty when absent. */
    public List<FallbackAddress> fallbacks() {
        return fallbacks;
    }

    /** {@code invoice_features}; empty when absent. */
    public Features features() {
        return features;
    }

    /** {@code invoice_node_id}, the key that signed this invoice. */
    public PublicKey signingPubkey() {
        return signingPubkey;
    }

    /** The recipient's signature. */
    public SchnorrSignature signature() {
        return signature;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StaticInvoice that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "StaticInvoice[offerId=" + offerId() + ", signingPubkey=" + signingPubkey + ", createdAt=" + createdAt
                + ", relativeExpiry=" + relativeExpiry + ", size=" + bytes.length + "]";
    }

    /** Starts a static invoice for {@code offer} (LDK's {@code StaticInvoiceBuilder}). */
    public static Builder builder(Offer offer, List<BlindedPaymentPath> paymentPaths,
            List<BlindedMessagePath> messagePaths, Instant createdAt) {
        return new Builder(offer, paymentPaths, messagePaths, createdAt);
    }

    /**
     * Assembles a static invoice for a reference recipient: the offer's exact records, the invoice
     * fields, then the signature; the result is validated with {@link #parse}.
     */
    public static final class Builder {

        private final Offer offer;
        private final List<BlindedPaymentPath> paymentPaths;
        private final List<BlindedMessagePath> messagePaths;
        private final Instant createdAt;
        private Duration relativeExpiry;
        private Features features = Features.empty();

        private Builder(Offer offer, List<BlindedPaymentPath> paymentPaths, List<BlindedMessagePath> messagePaths,
                Instant createdAt) {
            this.offer = Objects.requireNonNull(offer);
            this.paymentPaths = List.copyOf(paymentPaths);
            this.messagePaths = List.copyOf(messagePaths);
            if (createdAt.getEpochSecond() < 0) {
                throw new IllegalArgumentException("creation time before 1970: " + createdAt);
            }
            this.createdAt = createdAt;
        }

        /** Sets {@code invoice_relative_expiry} (whole seconds, at most a u32). */
        public Builder relativeExpiry(Duration relativeExpiry) {
            if (relativeExpiry.isNegative() || relativeExpiry.getSeconds() > 0xffff_ffffL) {
                throw new IllegalArgumentException("relative expiry must be 0..2^32-1 seconds: " + relativeExpiry);
            }
            this.relativeExpiry = relativeExpiry;
            return this;
        }

        /** Sets {@code invoice_features}. */
        public Builder features(Features features) {
            this.features = Objects.requireNonNull(features);
            return this;
        }

        /**
         * Signs the invoice with {@code signingKey}, whose public key becomes
         * {@code invoice_node_id} (the offer's issuer signing key).
         *
         * @throws IllegalStateException if the offer had expired at creation time or the fields do
         *     not form a valid static invoice
         */
        public StaticInvoice sign(PrivateKey signingKey) {
            if (offer.isExpired(createdAt)) {
                throw new IllegalStateException("the offer has expired at " + createdAt);
            }
            ByteWriter paths = new ByteWriter();
            ByteWriter payInfos = new ByteWriter();
            for (BlindedPaymentPath paymentPath : paymentPaths) {
                paymentPath.path().write(paths);
                paymentPath.payInfo().write(payInfos);
            }
            ByteWriter messages = new ByteWriter();
            BlindedMessagePath.writeAll(messages, messagePaths);
            TlvStream.Builder stream = TlvStream.builder()
                    .addAll(offer.contents().records())
                    .add(PAYMENT_PATHS, paths.toByteArray())
                    .add(BLINDED_PAY, payInfos.toByteArray())
                    .add(CREATED_AT, new ByteWriter().tu64(createdAt.getEpochSecond()).toByteArray());
            if (relativeExpiry != null) {
                stream.add(RELATIVE_EXPIRY, new ByteWriter().tu32(relativeExpiry.getSeconds()).toByteArray());
            }
            if (!features.equals(Features.empty())) {
                stream.add(FEATURES, features.encode());
            }
            stream.add(NODE_ID, signingKey.publicKey().bytes())
                    .add(MESSAGE_PATHS, messages.toByteArray());
            return Signing.signAndParse(stream, SIGNATURE_TAG, SIGNATURE, signingKey, StaticInvoice::parse,
                    "static invoice");
        }
    }
}
