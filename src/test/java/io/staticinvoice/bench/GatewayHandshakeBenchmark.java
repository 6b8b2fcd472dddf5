package io.staticinvoice.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.staticinvoice.gateway.GatewayMetrics;
import io.staticinvoice.gateway.LightningGateway;
import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.transport.HandshakeInitiator;
import io.staticinvoice.lightning.transport.TransportCipher;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * BOLT 8 handshakes per second against a {@link LightningGateway} over loopback: a client on a
 * blocking socket connects, runs acts one to three as initiator, reads the gateway's encrypted
 * {@code init} and hangs up. Client and gateway share the JVM and its 2 cores, so both sides'
 * crypto (6 ECDHs, 2 key generations, HKDFs) counts against the figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GatewayHandshakeBenchmark {

    private LightningGateway server;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        server = new LightningGateway(PrivateKey.random(), LoopbackSettings.lightning(),
                new GatewayMetrics(new SimpleMeterRegistry()));
        server.start((from, message) -> { });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.stop();
    }

    @Benchmark
    public int handshake() throws IOException, DecodeException {
        InetSocketAddress address = server.boundAddress();
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            HandshakeInitiator handshake = new HandshakeInitiator(PrivateKey.random(), server.nodeId().key());
            out.write(handshake.start());
            byte[] actTwo = new byte[handshake.nextActLength()];
            in.readFully(actTwo);
            out.write(handshake.receive(actTwo));
            byte[] header = new byte[TransportCipher.LENGTH_HEADER_LENGTH];
            in.readFully(header);
            byte[] init = new byte[handshake.cipher().decryptLength(header) + TransportCipher.MAC_LENGTH];
            in.readFully(init);
            return handshake.cipher().decryptMessage(init).length;
        }
    }
}
