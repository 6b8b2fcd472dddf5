package io.staticinvoice.gateway;

import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.lightning.Features;
import fr.acinq.lightning.crypto.noise.Chacha20Poly1305CipherFunctionsDefault;
import fr.acinq.lightning.crypto.noise.CipherState;
import fr.acinq.lightning.crypto.noise.ExtendedCipherState;
import fr.acinq.lightning.crypto.noise.HandshakeState;
import fr.acinq.lightning.crypto.noise.HandshakeStateReader;
import fr.acinq.lightning.crypto.noise.HandshakeStateWriter;
import fr.acinq.lightning.crypto.noise.NoiseKt;
import fr.acinq.lightning.crypto.noise.RandomBytes;
import fr.acinq.lightning.crypto.noise.SHA256HashFunctions;
import fr.acinq.lightning.crypto.noise.Secp256k1DHFunctions;
import fr.acinq.lightning.wire.Init;
import fr.acinq.lightning.wire.LightningMessage;
import fr.acinq.lightning.wire.Ping;
import fr.acinq.lightning.wire.Pong;
import io.staticinvoice.lightning.codec.Hex;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.testing.TestResources;
import io.staticinvoice.lightning.transport.TransportCipher;
import io.staticinvoice.lightning.wire.ChainHash;
import io.staticinvoice.lightning.wire.NodeId;
import io.staticinvoice.lightning.wire.OnionMessage;
import kotlin.Pair;
import kotlin.Triple;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our gateway against an independent implementation: ACINQ lightning-kmp's Noise XK handshake,
 * its key-rotating cipher state and its BOLT 1 / BOLT 4 message codecs drive a connection to the
 * gateway over loopback.
 */
class LightningKmpInteropTest {

    /** A peer whose transport and messages are lightning-kmp's, on a blocking socket. */
    private static final class KmpPeer implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private CipherState encryptor;
        private CipherState decryptor;

        KmpPeer(LightningGateway gateway, PrivateKey key) throws IOException {
            socket = new Socket(gateway.boundAddress().getAddress(), gateway.boundAddress().getPort());
            socket.setSoTimeout(5_000);
            socket.setTcpNoDelay(true);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            HandshakeStateWriter writer = HandshakeState.Companion.initializeWriter(NoiseKt.getHandshakePatternXK(),
                    "lightning".getBytes(StandardCharsets.US_ASCII), new Pair<>(key.publicKey().bytes(), key.bytes()),
                    new Pair<>(new byte[0], new byte[0]), gateway.nodeId().bytes(), new byte[0],
                    Secp256k1DHFunctions.INSTANCE, Chacha20Poly1305CipherFunctionsDefault.INSTANCE,
                    SHA256HashFunctions.INSTANCE, RandomBytes.INSTANCE);
            Triple<HandshakeStateReader, byte[], ?> actOne = writer.write(new byte[0]);
            writeWithVersion(actOne.getSecond());
            byte[] actTwo = new byte[50];
            in.readFully(actTwo);
            assertThat(actTwo[0]).isZero();
            Triple<HandshakeStateWriter, byte[], ?> readActTwo = actOne.getFirst().read(Arrays.copyOfRange(actTwo, 1, 50));
            Triple<HandshakeStateReader, byte[], Triple<CipherState, CipherState, byte[]>> actThree =
                    readActTwo.getFirst().write(new byte[0]);
            writeWithVersion(actThree.getSecond());
            Triple<CipherState, CipherState, byte[]> keys = actThree.getThird();
            encryptor = new ExtendedCipherState(keys.getFirst(), keys.getThird());
            decryptor = new ExtendedCipherState(keys.getSecond(), keys.getThird());
        }

        private void writeWithVersion(byte[] act) throws IOException {
            byte[] withVersion = new byte[act.length + 1];
            System.arraycopy(act, 0, withVersion, 1, act.length);
            out.write(withVersion);
        }

        void send(LightningMessage message) throws IOException {
            byte[] plaintext = LightningMessage.Companion.encode(message);
            Pair<CipherState, byte[]> length = encryptor.encryptWithAd(new byte[0],
                    new byte[] {(byte) (plaintext.length >> 8), (byte) plaintext.length});
            Pair<CipherState, byte[]> body = length.getFirst().encryptWithAd(new byte[0], plaintext);
            encryptor = body.getFirst();
            out.write(length.getSecond());
            out.write(body.getSecond());
        }

        LightningMessage receive() throws IOException {
            byte[] header = new byte[TransportCipher.LENGTH_HEADER_LENGTH];
            in.readFully(header);
            Pair<CipherState, byte[]> length = decryptor.decryptWithAd(new byte[0], header);
            byte[] body = new byte[(((length.getSecond()[0] & 0xff) << 8) | (length.getSecond()[1] & 0xff))
                    + TransportCipher.MAC_LENGTH];
            in.readFully(body);
            Pair<CipherState, byte[]> plaintext = length.getFirst().decryptWithAd(new byte[0], body);
            decryptor = plaintext.getFirst();
            return LightningMessage.Companion.decode(plaintext.getSecond());
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Init kmpInit() {
        return new Init(Features.Companion.invoke(LightningGateway.FEATURES.encode()),
                List.of(new ByteVector32(ChainHash.BITCOIN.bytes())), null);
    }

    @Test
    void handshakeInitAndPingsAcrossKeyRotationsInteroperate() throws Exception {
        PrivateKey key = PrivateKey.random();
        // the pings below go far beyond the default ping burst, which is not what this test is about
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of("sis.lightning.ping-burst", "1000"));
             KmpPeer kmp = new KmpPeer(node.gateway(), key)) {
            Init ours = (Init) kmp.receive();
            assertThat(ours.getFeatures().toByteArray()).isEqualTo(LightningGateway.FEATURES.encode());
            assertThat(ours.getNetworks()).containsExactly(new ByteVector32(ChainHash.BITCOIN.bytes()));

            kmp.send(kmpInit());
            NodeId kmpId = new NodeId(key.publicKey());
            GatewayTestSupport.await(Duration.ofSeconds(5), "kmp peer registered", () -> node.gateway().peers().isConnected(kmpId));

            // 520 pings and 520 pongs: each side's key rotates at its 1000th nonce (message 500)
            for (int i = 0; i < 520; i++) {
                kmp.send(new Ping(i % 40, new ByteVector(new byte[i % 7])));
                Pong pong = (Pong) kmp.receive();
                assertThat(pong.getData().size()).isEqualTo(i % 40);
            }
            assertThat(node.messagesIn("ping")).isEqualTo(520);
        }
    }

    @Test
    void onionMessagesCrossBothWays() throws Exception {
        OnionMessage captured = OnionMessage.decodeBody(
                TestResources.ldkHex("raw/server-0004-wire-in-onion_message-from-02888f2e.hex"));
        PrivateKey key = PrivateKey.random();
        try (GatewayTestSupport.Node node = GatewayTestSupport.start(Map.of());
             KmpPeer kmp = new KmpPeer(node.gateway(), key)) {
            kmp.receive();
            kmp.send(kmpInit());
            NodeId kmpId = new NodeId(key.publicKey());
            GatewayTestSupport.await(Duration.ofSeconds(5), "kmp peer registered", () -> node.gateway().peers().isConnected(kmpId));

            node.gateway().peers().get(kmpId).orElseThrow().send(captured).get(5, TimeUnit.SECONDS);
            fr.acinq.lightning.wire.OnionMessage atKmp = (fr.acinq.lightning.wire.OnionMessage) kmp.receive();
            assertThat(atKmp.getBlindingKey().toHex()).isEqualTo(captured.pathKey().hex());
            assertThat(Hex.encode(LightningMessage.Companion.encode(atKmp))).isEqualTo(Hex.encode(captured.encode()));

            kmp.send(atKmp);
            GatewayTestSupport.Received atGateway = node.received().poll(5, TimeUnit.SECONDS);
            assertThat(atGateway).isNotNull();
            assertThat(atGateway.message()).isEqualTo(captured);
        }
    }
}
