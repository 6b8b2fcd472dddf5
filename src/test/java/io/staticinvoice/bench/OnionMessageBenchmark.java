package io.staticinvoice.bench;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.codec.TlvRecord;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.lightning.onion.BlindedMessagePath;
import io.staticinvoice.lightning.onion.BlindedPathFactory;
import io.staticinvoice.lightning.onion.EncryptedData;
import io.staticinvoice.lightning.onion.NextMessageHop;
import io.staticinvoice.lightning.onion.OnionMessageBuilder;
import io.staticinvoice.lightning.onion.OnionMessageSendException;
import io.staticinvoice.lightning.onion.OnionMessageType;
import io.staticinvoice.lightning.onion.OnionPeeler;
import io.staticinvoice.lightning.onion.OutboundOnionMessage;
import io.staticinvoice.lightning.onion.PeeledMessage;
import io.staticinvoice.lightning.onion.ReceiveAuthKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of onion messages (BOLT 4): building a message to a blinded path of 1 or 3 hops
 * ({@link OnionMessageBuilder#build}) and peeling it at every hop until it is received
 * ({@link OnionPeeler#peel}), for a small message (1300-byte packet) and a static-invoice-sized
 * one (32768-byte packet).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OnionMessageBenchmark {

    /** Blinded hops of the destination path: relays, then the recipient. */
    @Param({"1", "3"})
    public int hops;

    /** Size of the message TLV value: 100 fits the 1300-byte packet, 1600 needs the 32768-byte one. */
    @Param({"100", "1600"})
    public int messageSize;

    private BlindedMessagePath path;
    private TlvRecord message;
    private OnionMessageBuilder sender;
    private OutboundOnionMessage built;
    private final Map<PublicKey, OnionPeeler> peelers = new HashMap<>();

    @Setup
    public void setUp() throws OnionMessageSendException {
        List<BlindedPathFactory.ForwardNode> relays = new ArrayList<>();
        for (int i = 1; i < hops; i++) {
            PrivateKey relay = PrivateKey.random();
            relays.add(BlindedPathFactory.ForwardNode.of(relay.publicKey()));
            peelers.put(relay.publicKey(), new OnionPeeler(relay, Optional.empty()));
        }
        PrivateKey recipient = PrivateKey.random();
        ReceiveAuthKey authKey = ReceiveAuthKey.random();
        peelers.put(recipient.publicKey(), new OnionPeeler(recipient, Optional.of(authKey)));
        path = BlindedPathFactory.create(relays, recipient.publicKey(), 0, authKey,
                EncryptedData.receiveWithContext(new byte[32]));
        message = new TlvRecord(OnionMessageType.INVOICE_REQUEST.tlvType(), new byte[messageSize]);
        sender = new OnionMessageBuilder(PrivateKey.random(), Optional.empty());
        built = build();
    }

    @Benchmark
    public OutboundOnionMessage build() throws OnionMessageSendException {
        return sender.build(List.of(), path, message, Optional.empty());
    }

    /** Every hop peels in turn: {@code hops - 1} forwards, then the receive. */
    @Benchmark
    public PeeledMessage.Receive peelAllHops() throws DecodeException {
        PublicKey node = built.firstNodeId();
        PublicKey pathKey = built.pathKey();
        byte[] packet = built.packet().encode();
        while (true) {
            PeeledMessage peeled = peelers.get(node).peel(pathKey, packet);
            if (peeled instanceof PeeledMessage.Receive receive) {
                return receive;
            }
            PeeledMessage.Forward forward = (PeeledMessage.Forward) peeled;
            node = ((NextMessageHop.NodeId) forward.nextHop()).nodeId();
            pathKey = forward.nextPathKey();
            packet = forward.nextPacket().encode();
        }
    }
}
