package io.staticinvoice.lightning.crypto;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Chooses the secp256k1 implementation once per JVM: libsecp256k1 through JNI
 * ({@link NativeCurve}) when its native library loads on this platform, else the pure-Java
 * {@link BouncyCastleCurve}. The choice is logged once.
 */
public final class Curves {

    private static final System.Logger LOG = System.getLogger(Curves.class.getName());
    private static final EllipticCurve BOUNCY_CASTLE = new BouncyCastleCurve();
    private static final Optional<EllipticCurve> NATIVE = loadNative();
    private static final EllipticCurve SELECTED = NATIVE.orElse(BOUNCY_CASTLE);

    static {
        LOG.log(Level.INFO, "secp256k1 implementation: {0}", SELECTED.name());
    }

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

    /**
     * The libsecp256k1 implementation.
     *
     * @throws IllegalStateException when the native library could not be loaded on this platform
     */
    public static EllipticCurve nativeCurve() {
        return NATIVE.orElseThrow(() -> new IllegalStateException("native secp256k1 is not available"));
    }

    private static Optional<EllipticCurve> loadNative() {
        try {
            return Optional.of(NativeCurve.load());
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "native secp256k1 unavailable, using Bouncy Castle: {0}", e.toString());
            return Optional.empty();
        }
    }
}
