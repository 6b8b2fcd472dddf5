package io.staticinvoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.staticinvoice.support.ServerJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar started on Java 17 refuses with {@link Main}'s sentence and exit code 1, instead
 * of an {@code UnsupportedClassVersionError}: the entry point is still loadable there. Needs a
 * Java 17 runtime, {@code OLD_JAVA_HOME} or Debian's {@code /usr/lib/jvm/java-17-openjdk-amd64}.
 */
class JavaVersionGateIT {

    private static final Path OLD_JAVA = Path.of(System.getenv().getOrDefault("OLD_JAVA_HOME",
            "/usr/lib/jvm/java-17-openjdk-amd64"), "bin", "java");

    @TempDir Path directory;

    @Test
    void theJarRefusesToStartOnJava17() throws Exception {
        assumeThat(Files.isExecutable(OLD_JAVA)).as("a Java 17 runtime at %s", OLD_JAVA).isTrue();

        ServerJar.Exit exit = ServerJar.runUntilExit(OLD_JAVA, List.of(), directory.resolve("start.log"),
                Duration.ofSeconds(60));

        assertThat(exit.code()).as(exit.output()).isEqualTo(1);
        assertThat(exit.output()).contains("The static invoice server needs Java 25 or newer, but this is Java 17")
                .doesNotContain("UnsupportedClassVersionError").doesNotContain("\tat ");
    }
}
