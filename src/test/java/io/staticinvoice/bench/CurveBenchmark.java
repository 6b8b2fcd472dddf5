package io.staticinvoice.bench;

import io.staticinvoice.lightning.crypto.Curves;
import io.staticinvoice.lightning.crypto.EllipticCurve;
import io.staticinvoice.lightning.crypto.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
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
 * secp256k1 costs that dominate onion message handling (ECDH per hop, BOLT 12 Schnorr
 * signatures) on each {@link EllipticCurve} implementation. Results: docs/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CurveBenchmark {

    @Param({"native", "bouncycastle"})
    public String curve;

    private EllipticCurve impl;
    private byte[] secret;
    private byte[] otherPoint;
    private byte[] message;
    private byte[] aux;
    private byte[] xOnlyKey;
    private byte[] signature;

    @Setup
    public void setUp() {
        impl = "native".equals(curve) ? Curves.nativeCurve() : Curves.bouncyCastle();
        SecureRandom random = new SecureRandom();
        secret = PrivateKey.random().bytes();
        otherPoint = impl.publicKey(PrivateKey.random().bytes());
        message = new byte[32];
        aux = new byte[32];
        random.nextBytes(message);
        random.nextBytes(aux);
        xOnlyKey = Arrays.copyOfRange(impl.publicKey(secret), 1, 33);
        signature = impl.schnorrSign(message, secret, aux);
    }

    /** BOLT 4 / BOLT 8 shared secret: SHA256(compressed(k * P)), P given compressed. */
    @Benchmark
    public byte[] ecdh() {
        return impl.ecdh(otherPoint, secret);
    }

    @Benchmark
    public boolean schnorrVerify() {
        return impl.schnorrVerify(signature, message, xOnlyKey);
    }

    @Benchmark
    public byte[] schnorrSign() {
        return impl.schnorrSign(message, secret, aux);
    }
}
