package io.staticinvoice.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the static invoice server protocol (DESIGN.md steps 1-4): the paths it hands
 * out, how invoices are accepted, and the per-recipient limits.
 *
 * @param paths         the blinded paths handed to recipients at registration
 * @param offerPaths    the offer paths answered to OfferPathsRequest
 * @param approval      whether stored invoices are served at once or after an operator approves them
 * @param recipients    defaults for new recipients
 * @param invoices      limits on ServeStaticInvoice
 * @param rateLimit     per-recipient token buckets
 * @param maintenance   the scheduled expiry and purge job
 * @param serveRecords  how servings of invoices are written to the database
 * @param servingCache  what each replica holds in memory to answer invoice_requests
 */
@Validated
@ConfigurationProperties(prefix = "sis")
public record ProtocolProperties(
        @Valid @NotNull @DefaultValue Paths paths,
        @Valid @NotNull @DefaultValue OfferPaths offerPaths,
        @Valid @NotNull @DefaultValue Approval approval,
        @Valid @NotNull @DefaultValue Recipients recipients,
        @Valid @NotNull @DefaultValue Invoices invoices,
        @Valid @NotNull @DefaultValue RateLimit rateLimit,
        @Valid @NotNull @DefaultValue Maintenance maintenance,
        @Valid @NotNull @DefaultValue ServeRecords serveRecords,
        @Valid @NotNull @DefaultValue ServingCache servingCache) {

    /**
     * The path policy per purpose, as LDK 0.3's {@code DefaultMessageRouter} chooses it
     * ({@code lightning/src/onion_message/messenger.rs}): the offer paths end up inside every
     * payment onion of an async payment, so they are as short as possible; the others are padded
     * with dummy hops and full padding to hide how far the server is from their introduction node.
     * A length counts every hop, the server's own included; dummy hops fill a path up to it after
     * the introduction peer, if any.
     *
     * @param serverPathLength          hops of the paths handed to wallets at registration (OfferPathsRequest)
     * @param serverPathCompactPadding  compact padding for those paths
     * @param offerPathLength           hops of the wallets' offer paths, answered in OfferPaths (invoice_request)
     * @param offerPathCompactPadding   compact padding for those paths (LDK 0.3's choice for them)
     * @param replyPathLength           hops of the reply paths the server creates (ServeStaticInvoice)
     * @param replyPathCompactPadding   compact padding for those paths
     * @param introductionPeers         node ids of peers that also serve as introduction nodes (one extra path each)
     */
    public record Paths(@DefaultValue("4") @Min(1) @Max(11) int serverPathLength,
                        @DefaultValue("false") boolean serverPathCompactPadding,
                        @DefaultValue("1") @Min(1) @Max(11) int offerPathLength,
                        @DefaultValue("true") boolean offerPathCompactPadding,
                        @DefaultValue("4") @Min(1) @Max(11) int replyPathLength,
                        @DefaultValue("false") boolean replyPathCompactPadding,
                        @DefaultValue List<String> introductionPeers) {

        public PathPolicy serverPaths() {
            return new PathPolicy(serverPathLength, serverPathCompactPadding);
        }

        public PathPolicy offerPaths() {
            return new PathPolicy(offerPathLength, offerPathCompactPadding);
        }

        public PathPolicy replyPaths() {
            return new PathPolicy(replyPathLength, replyPathCompactPadding);
        }
    }

    /**
     * How one kind of path is built.
     *
     * @param length         hops in all, the server's own included
     * @param compactPadding pad the hops only to the longest one before the last and leave the last
     *                       unpadded (smaller, but the final hop's size shows), instead of padding
     *                       every hop to one multiple of 100 bytes
     */
    public record PathPolicy(int length, boolean compactPadding) {
    }

    /**
     * @param expiry         lifetime of the offer paths in OfferPaths (LDK's default is 365 days)
     * @param setsKeptPerSlot OfferPaths answers remembered per slot; an invoice must use paths from one of them
     */
    public record OfferPaths(@DefaultValue("365d") @NotNull Duration expiry,
                             @DefaultValue("10") @Min(1) int setsKeptPerSlot) {
    }

    /** @param mode AUTO serves an invoice as soon as it is stored; MANUAL waits for an operator */
    public record Approval(@DefaultValue("AUTO") @NotNull ApprovalMode mode) {
    }

    /** How stored invoices become servable. */
    public enum ApprovalMode { AUTO, MANUAL }

    /**
     * @param defaultMaxSlots     invoice slots a recipient may use unless set at registration
     * @param pathsRelativeExpiry default lifetime of the server paths; unset means they do not expire
     */
    public record Recipients(@DefaultValue("10") @Min(1) @Max(65536) int defaultMaxSlots,
                             Duration pathsRelativeExpiry) {
    }

    /** @param maxSizeBytes largest static invoice accepted (LDK's MAX_STATIC_INVOICE_SIZE_BYTES) */
    public record Invoices(@DefaultValue("5120") @Min(1) @Max(65535) int maxSizeBytes) {
    }

    /**
     * Token buckets per recipient, like ldk-node's static invoice store.
     *
     * @param requestBurst   invoice_requests a recipient's offer may receive in a burst
     * @param requestRefill  time to refill one request token
     * @param storeBurst     ServeStaticInvoice/OfferPathsRequest messages in a burst
     * @param storeRefill    time to refill one store token
     * @param maxTrackedRecipients buckets kept in memory before the least recently used are dropped
     *                       (recipients' buckets, and apart from them as many per-peer sub-buckets)
     * @param requestPeerShare the share of a recipient's invoice_request bucket (burst and rate, the
     *                       burst rounded up) that the requests arriving from one peer connection may
     *                       use, so that one payer cannot exhaust an offer
     * @param nodeWide       the buckets hold for the node as a whole: each replica takes its share,
     *                       the rate divided by the live replicas and the burst too (rounded up);
     *                       false gives every replica the whole buckets
     * @param requestCopies  further copies of an admitted invoice_request (the same signed bytes)
     *                       that are admitted without a token within {@code requestCopyWindow}: LDK
     *                       payers send each request over several path pairs at once and again later
     * @param requestCopyWindow how long after its first copy an invoice_request's copies are free
     * @param maxTrackedRequests invoice_requests remembered for their copies; the least recently seen
     *                       are forgotten beyond it
     */
    public record RateLimit(@DefaultValue("5") @Min(1) int requestBurst,
                            @DefaultValue("100ms") @NotNull Duration requestRefill,
                            @DefaultValue("5") @Min(1) int storeBurst,
                            @DefaultValue("100ms") @NotNull Duration storeRefill,
                            @DefaultValue("100000") @Min(1) int maxTrackedRecipients,
                            @DefaultValue("0.5") @DecimalMin("0.01") @DecimalMax("1") double requestPeerShare,
                            @DefaultValue("true") boolean nodeWide,
                            @DefaultValue("10") @Min(0) int requestCopies,
                            @DefaultValue("60s") @NotNull Duration requestCopyWindow,
                            @DefaultValue("100000") @Min(1) int maxTrackedRequests) {
    }

    /**
     * @param interval how often expired invoices are marked EXPIRED and stale mailbox messages, offer
     *                 paths and known peers purged
     */
    public record Maintenance(@DefaultValue("60s") @NotNull Duration interval,
                              @DefaultValue("500") @Min(1) int batchSize) {
    }

    /**
     * Servings are counted in memory and written together (times served, last served, one
     * INVOICE_SERVED audit event per invoice and write), not one transaction per invoice_request.
     *
     * @param flushInterval how often the counted servings are written; at most this much is lost on a crash
     */
    public record ServeRecords(@DefaultValue("1s") @NotNull Duration flushInterval) {
    }

    /**
     * @param maxSize bytes of recipients, invoices and forward paths held in memory per replica;
     *                the least recently used recipients are dropped beyond it
     */
    public record ServingCache(@DefaultValue("64MB") @NotNull DataSize maxSize) {
    }
}
