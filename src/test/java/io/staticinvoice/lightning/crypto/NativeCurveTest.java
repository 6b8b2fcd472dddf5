package io.staticinvoice.lightning.crypto;

class NativeCurveTest extends EllipticCurveContract {

    @Override
    protected EllipticCurve curve() {
        return Curves.nativeCurve();
    }
}
