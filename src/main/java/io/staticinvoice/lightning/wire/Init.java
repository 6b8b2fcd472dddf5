package io.staticinvoice.lightning.wire;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.codec.TlvStream;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code init} (type 16, BOLT 1 "The init Message"): the first message on every connection,
 * announcing the sender's features, the chains it cares about ({@code networks}, TLV 1) and
 * the address it sees the receiver at ({@code remote_addr}, TLV 3).
 *
 * @param features        the combined feature vector ({@code globalfeatures | features})
 * @param networks        the chains of {@code networks}; empty when the TLV is absent
 * @param remoteAddress   {@code remote_addr}, when present
 * @param unknownTlvs     odd TLV records this node does not know, kept as received
 */
public record Init(Features features, List<ChainHash> networks, Optional<NetworkAddress> remoteAddress,
                   TlvStream unknownTlvs) implements LightningMessage {

    public static final int TYPE = 16;
    /** {@code init}'s legacy {@code globalfeatures} field should hold no bit above 13. */
    static final int HIGHEST_GLOBAL_FEATURE_BIT = 13;
    private static final long TLV_NETWORKS = 1;
    private static final long TLV_REMOTE_ADDR = 3;

    public Init {
        networks = List.copyOf(networks);
    }

    public Init(Features features, List<ChainHash> networks, Optional<NetworkAddress> remoteAddress) {
        this(features, networks, remoteAddress, TlvStream.empty());
    }

    @Override
    public int type() {
        return TYPE;
    }

    @Override
    public String name() {
        return "init";
    }

    /** Writes the low feature bits as {@code globalfeatures} too, for old readers, as LDK does. */
    @Override
    public void writePayload(ByteWriter writer) {
        byte[] global = features.upTo(HIGHEST_GLOBAL_FEATURE_BIT).encode();
        byte[] local = features.encode();
        writer.u16(global.length).bytes(global).u16(local.length).bytes(local);
        TlvStream.Builder tlvs = TlvStream.builder().addAll(unknownTlvs.records());
        if (!networks.isEmpty()) {
            ByteWriter chains = new ByteWriter(networks.size() * ChainHash.LENGTH);
            networks.forEach(chain -> chains.bytes(chain.bytes()));
            tlvs.add(TLV_NETWORKS, chains.toByteArray());
        }
        remoteAddress.ifPresent(address -> tlvs.add(TLV_REMOTE_ADDR, address.encode()));
        writer.bytes(tlvs.build().encode());
    }

    static Init read(ByteReader reader) throws DecodeException {
        Features global = Features.decode(reader.bytes(reader.u16()));
        Features local = Features.decode(reader.bytes(reader.u16()));
        TlvStream tlvs = TlvStream.decode(reader.rest(), type -> type == TLV_NETWORKS || type == TLV_REMOTE_ADDR);
        List<ChainHash> networks = new ArrayList<>();
        Optional<NetworkAddress> remoteAddress = Optional.empty();
        List<TlvRecord> unknown = new ArrayList<>();
        for (TlvRecord record : tlvs.records()) {
            if (record.type() == TLV_NETWORKS) {
                networks = readChains(record.value());
            } else if (record.type() == TLV_REMOTE_ADDR) {
                remoteAddress = Optional.of(NetworkAddress.decode(record.value()));
            } else {
                unknown.add(record);
            }
        }
        return new Init(global.or(local), networks, remoteAddress, new TlvStream(unknown));
    }

    private static List<ChainHash> readChains(byte[] value) throws DecodeException {
        if (value.length % ChainHash.LENGTH != 0) {
            throw new DecodeException("networks length " + value.length + " is not a multiple of 32");
        }
        ByteReader reader = new ByteReader(value);
        List<ChainHash> chains = new ArrayList<>();
        while (reader.hasRemaining()) {
            chains.add(new ChainHash(reader.bytes(ChainHash.LENGTH)));
        }
        return chains;
    }
}
