package io.staticinvoice.lightning.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The selection, and that both implementations compute the same values on random input. */
class CurvesTest {

    private final EllipticCurve bc = Curves.bouncyCastle();
    private final EllipticCurve lib = Curves.nativeCurve();

    @Test
    void selectsNativeWhenItLoads() {
        assertThat(Curves.get()).isSameAs(lib);
        assertThat(lib.name()).isEqualTo("native");
        assertThat(bc.name()).isEqualTo("bouncycastle");
    }

    @RepeatedTest(25)
    void implementationsAgreeOnRandomInput() {
        byte[] a = PrivateKey.random().bytes();
        byte[] b = PrivateKey.random().bytes();
        byte[] msg = EllipticCurveContract.random32();
        byte[] aux = EllipticCurveContract.random32();
        byte[] aG = bc.publicKey(a);
        byte[] bG = lib.publicKey(b);
        assertThat(lib.publicKey(a)).isEqualTo(aG);
        assertThat(bc.publicKey(b)).isEqualTo(bG);
        assertThat(bc.multiply(aG, b)).isEqualTo(lib.multiply(aG, b));
        assertThat(bc.addPoints(aG, bG)).isEqualTo(lib.addPoints(aG, bG));
        assertThat(bc.ecdh(bG, a)).isEqualTo(lib.ecdh(bG, a));
        assertThat(bc.multiplyScalars(a, b)).isEqualTo(lib.multiplyScalars(a, b));
        assertThat(bc.addScalars(a, b)).isEqualTo(lib.addScalars(a, b));
        byte[] schnorr = bc.schnorrSign(msg, a, aux);
        assertThat(lib.schnorrSign(msg, a, aux)).isEqualTo(schnorr);
        assertThat(lib.schnorrVerify(schnorr, msg, EllipticCurveContract.xOnly(aG))).isTrue();
        byte[] ecdsa = lib.ecdsaSign(msg, b);
        assertThat(bc.ecdsaSign(msg, b)).as("both use RFC 6979 nonces and low-S").isEqualTo(ecdsa);
        assertThat(bc.ecdsaVerify(ecdsa, msg, bG)).isTrue();
    }
}
