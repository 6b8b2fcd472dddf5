package io.staticinvoice;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * Entry point of the jar: refuses to start on a JVM older than {@link #MINIMUM_FEATURE_RELEASE},
 * the minimum runtime (README "Prerequisites"), with one clear sentence and exit code 1, then hands
 * over to {@link StaticInvoiceServerApplication}. It is compiled for Java 17 on its own (pom.xml,
 * compiler execution {@code version-gate}) and reaches the application by name only, so that an
 * older JVM runs this check instead of failing to load a class compiled for Java 25.
 */
public final class Main {

    /** The oldest Java feature release the server runs on. */
    public static final int MINIMUM_FEATURE_RELEASE = 25;

    private static final String APPLICATION = "io.staticinvoice.StaticInvoiceServerApplication";

    private Main() {
    }

    public static void main(String[] args) throws Throwable {
        Optional<String> refusal = refusal(Runtime.version(), System.getProperty("java.home"));
        if (refusal.isPresent()) {
            System.err.println(refusal.get());
            System.exit(1);
        }
        MethodHandle main = MethodHandles.publicLookup().findStatic(Class.forName(APPLICATION), "main",
                MethodType.methodType(void.class, String[].class));
        main.invokeExact(args);
    }

    /** Why the server does not start on {@code version} (the JVM in {@code javaHome}), if it does not. */
    static Optional<String> refusal(Runtime.Version version, String javaHome) {
        if (version.feature() >= MINIMUM_FEATURE_RELEASE) {
            return Optional.empty();
        }
        return Optional.of("The static invoice server needs Java " + MINIMUM_FEATURE_RELEASE + " or newer, but this is Java "
                + version + " (" + javaHome + "). Start it with a Java " + MINIMUM_FEATURE_RELEASE
                + " runtime, e.g. JAVA_HOME=/path/to/jdk-" + MINIMUM_FEATURE_RELEASE
                + " or the Docker image; see README \"Prerequisites\" for why.");
    }
}
