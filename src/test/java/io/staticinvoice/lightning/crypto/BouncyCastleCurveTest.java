package io.staticinvoice.lightning.crypto;

class BouncyCastleCurveTest extends EllipticCurveContract {

    @Override
    protected EllipticCurve curve() {
        return Curves.bouncyCastle();
    }
}
