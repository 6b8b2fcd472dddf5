package io.staticinvoice.admin;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.offers.Amount;
import io.staticinvoice.lightning.offers.Offer;
import io.staticinvoice.lightning.offers.OfferContents;
import io.staticinvoice.lightning.offers.Quantity;
import io.staticinvoice.lightning.offers.StaticInvoice;
import io.staticinvoice.lightning.onion.BlindedPayInfo;
import io.staticinvoice.lightning.onion.BlindedPaymentPath;
import io.staticinvoice.lightning.onion.IntroductionNode;
import io.staticinvoice.lightning.wire.Features;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A stored static invoice decoded field by field (LDK's {@code StaticInvoice}, BOLT 12 offer and
 * invoice fields): what the payer will be shown and how it will pay the recipient.
 */
@Schema(description = "The static invoice decoded")
record DecodedInvoiceResponse(
        @Schema(description = "LDK's offer id, hex",
                example = "8e4a3c1f0d2b6a5978e6f1d3c2b4a59687d0e1f2a3b4c5d6e7f8091a2b3c4d5e") String offerId,
        @Schema(description = "invoice_node_id, the key that signed the invoice, hex",
                example = "02bf47c93d55d8856316654c13e8b7054544006193007c31624c07133da2e6b35a") String signingPubkey,
        @Schema(description = "whether the signature verifies under signingPubkey", example = "true")
        boolean signatureValid,
        @Schema(description = "the offer's amount; null = the payer chooses") AmountResponse amount,
        @Schema(example = "coffee", nullable = true) String description,
        @Schema(example = "Alice's café", nullable = true) String issuer,
        @Schema(description = "offer_quantity_max: null = a single item, 0 = any number, n = at most n",
                example = "5", nullable = true) BigInteger quantityMax,
        @Schema(description = "the offer's features") FeaturesResponse offerFeatures,
        @Schema(description = "the invoice's features") FeaturesResponse invoiceFeatures,
        @Schema(description = "invoice_created_at", example = "2026-11-24T21:53:17Z") Instant createdAt,
        @Schema(description = "invoice_relative_expiry in seconds (14 days when absent)", example = "31535999")
        long relativeExpirySeconds,
        @Schema(description = "createdAt + relativeExpirySeconds", example = "2027-11-24T21:53:16Z") Instant expiresAt,
        @Schema(description = "offer_absolute_expiry; null = the offer does not expire",
                example = "2027-11-24T21:53:16Z", nullable = true) Instant offerExpiresAt,
        @Schema(description = "blinded payment paths to the recipient") List<PaymentPathResponse> paymentPaths,
        @Schema(description = "blinded message paths to the recipient (for held_htlc_available)", example = "1")
        int messagePaths,
        @Schema(description = "the offer this invoice is for, as a BOLT 12 string", example = "lno1pczxeesc95g06q5l...")
        String offer) {

    /** An offer amount: {@code value} millisatoshis when {@code unit} is {@code msat}, else minor units of that currency. */
    @Schema(description = "An amount: msat, or minor units of an ISO 4217 currency")
    record AmountResponse(@Schema(example = "50000") BigInteger value,
                          @Schema(description = "msat or an ISO 4217 code", example = "msat") String unit) {

        static AmountResponse of(Amount amount) {
            if (amount instanceof Amount.Bitcoin bitcoin) {
                return new AmountResponse(BigInteger.valueOf(bitcoin.msats()), "msat");
            }
            Amount.Currency currency = (Amount.Currency) amount;
            return new AmountResponse(unsigned(currency.amount()), currency.iso4217Code());
        }
    }

    /** A BOLT 9 feature bit vector. */
    @Schema(description = "A feature bit vector")
    record FeaturesResponse(@Schema(description = "big-endian bit field, hex", example = "020000") String hex,
                            @Schema(description = "the bits set", example = "[17]") List<Integer> bits) {

        static FeaturesResponse of(Features features) {
            byte[] field = features.encode();
            return new FeaturesResponse(Hex.encode(field),
                    IntStream.range(0, field.length * 8).filter(features::isSet).boxed().toList());
        }
    }

    /** One blinded payment path and its aggregated relay parameters (BOLT 12 {@code blinded_payinfo}). */
    @Schema(description = "A blinded payment path to the recipient")
    record PaymentPathResponse(
            IntroductionNodeResponse introductionNode,
            @Schema(description = "blinded hops after the introduction node", example = "2") int hops,
            @Schema(example = "1000") long feeBaseMsat,
            @Schema(example = "100") long feeProportionalMillionths,
            @Schema(example = "144") int cltvExpiryDelta,
            @Schema(example = "1") BigInteger htlcMinimumMsat,
            @Schema(example = "990000000") BigInteger htlcMaximumMsat) {

        static PaymentPathResponse of(BlindedPaymentPath path) {
            BlindedPayInfo pay = path.payInfo();
            return new PaymentPathResponse(IntroductionNodeResponse.of(path.path().introductionNode()),
                    path.path().hops().size(), pay.feeBaseMsat(), pay.feeProportionalMillionths(),
                    pay.cltvExpiryDelta(), unsigned(pay.htlcMinimumMsat()), unsigned(pay.htlcMaximumMsat()));
        }
    }

    /** The first, unblinded node of a blinded path: its node id, or one side of a channel. */
    @Schema(description = "The introduction node: a node id, or a channel and its side")
    record IntroductionNodeResponse(
            @Schema(description = "node id, hex", example = "0355f8d2238a322d16b602bd0ceaad5b01019fb055971eaadcc9b29226a4da6c23",
                    nullable = true) String nodeId,
            @Schema(description = "short channel id, block x transaction x output", example = "840000x12x1",
                    nullable = true) String shortChannelId,
            @Schema(description = "which side of that channel", example = "NODE_ONE", nullable = true)
            String direction) {

        static IntroductionNodeResponse of(IntroductionNode node) {
            if (node instanceof IntroductionNode.NodeId id) {
                return new IntroductionNodeResponse(id.publicKey().hex(), null, null);
            }
            IntroductionNode.DirectedShortChannelId channel = (IntroductionNode.DirectedShortChannelId) node;
            long scid = channel.shortChannelId();
            return new IntroductionNodeResponse(null,
                    (scid >>> 40) + "x" + ((scid >>> 16) & 0xffffff) + "x" + (scid & 0xffff),
                    channel.direction().name());
        }
    }

    /** Decodes stored invoice bytes; the signature is reported, not required. */
    static DecodedInvoiceResponse decode(byte[] bytes) throws DecodeException {
        StaticInvoice invoice = StaticInvoice.parseUnverified(bytes);
        OfferContents offer = invoice.offer();
        return new DecodedInvoiceResponse(Hex.encode(invoice.offerId().bytes()), invoice.signingPubkey().hex(),
                invoice.verifySignature(), offer.amount().map(AmountResponse::of).orElse(null),
                offer.description().orElse(null), offer.issuer().orElse(null), quantityMax(offer.quantity()),
                FeaturesResponse.of(offer.features()), FeaturesResponse.of(invoice.features()), invoice.createdAt(),
                invoice.relativeExpiry().toSeconds(), invoice.expiresAt(), offer.absoluteExpiry().orElse(null),
                invoice.paymentPaths().stream().map(PaymentPathResponse::of).toList(), invoice.messagePaths().size(),
                Offer.parse(invoice.offerBytes()).encode());
    }

    private static BigInteger quantityMax(Quantity quantity) {
        if (quantity instanceof Quantity.Bounded bounded) {
            return unsigned(bounded.max());
        }
        return quantity instanceof Quantity.Unbounded ? BigInteger.ZERO : null;
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
