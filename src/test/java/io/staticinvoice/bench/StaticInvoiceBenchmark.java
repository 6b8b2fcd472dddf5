package io.staticinvoice.bench;

import io.staticinvoice.lightning.codec.DecodeException;
import io.staticinvoice.lightning.crypto.Curves;
import io.staticinvoice.lightning.crypto.EllipticCurve;
import io.staticinvoice.lightning.offers.StaticInvoice;
import io.staticinvoice.lightning.testing.TestResources;
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
 * What the server spends on each {@code ServeStaticInvoice}: parsing and validating LDK 0.2.5's
 * real 1509-byte static invoice, and verifying its BIP-340 signature over the BOLT 12 merkle root,
 * on each {@link EllipticCurve} implementation. Results: docs/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StaticInvoiceBenchmark {

    @Param({"native", "bouncycastle"})
    public String curve;

    private EllipticCurve impl;
    private byte[] bytes;
    private StaticInvoice parsed;

    @Setup
    public void setUp() throws DecodeException {
        impl = "native".equals(curve) ? Curves.nativeCurve() : Curves.bouncyCastle();
        bytes = TestResources.ldkHex("static-invoice-persisted-by-server.hex");
        parsed = StaticInvoice.parseUnverified(bytes);
    }

    /** TLV decoding and every validity rule, no signature check (independent of the curve). */
    @Benchmark
    public StaticInvoice parse() throws DecodeException {
        return StaticInvoice.parseUnverified(bytes);
    }

    /** Merkle root, tagged hash and Schnorr verification of an already parsed invoice. */
    @Benchmark
    public boolean verify() {
        return parsed.verifySignature(impl);
    }

    /** Both, as the server does for every invoice it is asked to store. */
    @Benchmark
    public boolean parseAndVerify() throws DecodeException {
        return StaticInvoice.parseUnverified(bytes).verifySignature(impl);
    }
}
