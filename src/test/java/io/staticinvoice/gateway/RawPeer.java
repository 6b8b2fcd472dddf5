package io.staticinvoice.gateway;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.transport.HandshakeInitiator;
import io.staticinvoice.lightning.transport.TransportCipher;
import io.staticinvoice.lightning.wire.ChainHash;
import io.staticinvoice.lightning.wire.Features;
import io.staticinvoice.lightning.wire.Init;
import io.staticinvoice.lightning.wire.LightningMessage;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import io.staticinvoice.lightning.wire.Ping;
import io.staticinvoice.lightning.wire.Pong;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A hand-driven peer on a blocking socket, built directly on the transport and wire packages,
 * for tests that must misbehave in ways a real node never would.
 */
public final class RawPeer implements AutoCloseable {

    final PrivateKey key;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private TransportCipher cipher;

    private RawPeer(Socket socket, PrivateKey key) throws IOException {
        this.socket = socket;
        this.key = key;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        socket.setSoTimeout(5_000);
    }

    /** A TCP connection with a random node key; nothing sent yet. */
    static RawPeer connect(InetSocketAddress address) throws IOException {
        return connect(address, PrivateKey.random());
    }

    static RawPeer connect(InetSocketAddress address, PrivateKey key) throws IOException {
        return new RawPeer(new Socket(address.getAddress(), address.getPort()), key);
    }

    /** Connects, runs the BOLT 8 handshake, reads the gateway's init and sends one with {@code features} for mainnet. */
    static RawPeer connected(LightningGateway gateway, Features features) throws Exception {
        return connected(gateway, PrivateKey.random(), new Init(features, List.of(ChainHash.BITCOIN), Optional.empty()));
    }

    /** Connects as {@code key}, runs the BOLT 8 handshake, reads the gateway's init and answers with {@code init}. */
    public static RawPeer connected(LightningGateway gateway, PrivateKey key, Init init) throws Exception {
        RawPeer peer = connect(gateway.boundAddress(), key);
        peer.handshake(gateway.nodeId());
        LightningMessage theirInit = peer.receive();
        if (!(theirInit instanceof Init)) {
            throw new AssertionError("expected init, got " + theirInit);
        }
        peer.send(init);
        return peer;
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Runs the handshake as initiator; {@code piggyback} messages are encrypted and written in
     * the same write as act three.
     */
    void handshake(NodeId remote, LightningMessage... piggyback) throws IOException, DecodeException {
        HandshakeInitiator handshake = new HandshakeInitiator(key, remote.key());
        sendRaw(handshake.start());
        byte[] actTwo = new byte[handshake.nextActLength()];
        in.readFully(actTwo);
        ByteArrayOutputStream actThree = new ByteArrayOutputStream();
        actThree.write(handshake.receive(actTwo));
        cipher = handshake.cipher();
        for (LightningMessage message : piggyback) {
            actThree.write(cipher.encrypt(message.encode()));
        }
        sendRaw(actThree.toByteArray());
    }

    public void send(LightningMessage message) throws IOException {
        sendPlaintext(message.encode());
    }

    void sendPlaintext(byte[] message) throws IOException {
        sendRaw(encrypt(message));
    }

    /** Encrypts a frame without sending it, for tests that alter it first. */
    byte[] encrypt(byte[] message) {
        return cipher.encrypt(message);
    }

    public LightningMessage receive() throws IOException, DecodeException {
        byte[] header = new byte[TransportCipher.LENGTH_HEADER_LENGTH];
        in.readFully(header);
        byte[] body = new byte[cipher.decryptLength(header) + TransportCipher.MAC_LENGTH];
        in.readFully(body);
        return LightningMessage.decode(cipher.decryptMessage(body));
    }

    /** Reads until the server's next ping and answers it, acknowledging what came before. */
    public void answerNextPing() throws IOException, DecodeException {
        LightningMessage message = receive();
        while (!(message instanceof Ping ping)) {
            message = receive();
        }
        send(new Pong(ping.numPongBytes()));
    }

    /** Receives {@code count} onion messages, answering the pings that pace them. */
    public List<OnionMessage> receiveOnionMessages(int count) throws IOException, DecodeException {
        List<OnionMessage> messages = new ArrayList<>();
        while (messages.size() < count) {
            LightningMessage message = receive();
            if (message instanceof Ping ping) {
                send(new Pong(ping.numPongBytes()));
            } else if (message instanceof OnionMessage onion) {
                messages.add(onion);
            }
        }
        return messages;
    }

    /** Reads and discards until the server closes the connection; false if it is still open after {@code timeout}. */
    boolean awaitClosed(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream raw = socket.getInputStream();
        byte[] sink = new byte[4096];
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (raw.read(sink) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
