package io.staticinvoice.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The server jar that {@code ./mvnw package} built ({@code target/static-invoice-server-*.jar}),
 * run as a separate process on this JVM's Java, as an operator runs it. For the {@code *IT}
 * classes, which Maven runs after {@code package}.
 */
public final class ServerJar {

    private ServerJar() {
    }

    /** The packaged jar. */
    public static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("static-invoice-server-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no server jar in target/: run ./mvnw package (or verify)"));
        }
    }

    /** Starts {@code java -jar <jar> arguments...} with its output (stdout and stderr) going to {@code output}. */
    public static Process start(List<String> arguments, Path output) throws IOException {
        return start(thisJava(), arguments, output);
    }

    private static Process start(Path java, List<String> arguments, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx512m", "-jar", jar().toString()));
        command.addAll(arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    /** Runs the jar until it exits by itself; fails (and kills it) when it still runs after {@code hang}. */
    public static Exit runUntilExit(List<String> arguments, Path output, Duration hang) throws Exception {
        return runUntilExit(thisJava(), arguments, output, hang);
    }

    private static Path thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** {@link #runUntilExit(List, Path, Duration)} on the Java launcher {@code java} (another JDK's). */
    public static Exit runUntilExit(Path java, List<String> arguments, Path output, Duration hang) throws Exception {
        long started = System.nanoTime();
        Process process = start(java, arguments, output);
        if (!process.waitFor(hang.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            fail("the server still ran %s after it was started with %s; its output:%n%s", hang, arguments,
                    Files.readString(output));
        }
        return new Exit(process.exitValue(), Files.readString(output), Duration.ofNanos(System.nanoTime() - started));
    }

    /** Migrates {@code database} as the server would, for tests that prepare rows before starting the jar. */
    public static void migrate(TestDatabase database) {
        Flyway.configure()
                .dataSource(new DriverManagerDataSource(database.url(), database.username(), database.password()))
                .schemas("sis").defaultSchema("sis").createSchemas(true).load().migrate();
    }

    /** How a run of the jar ended. */
    public record Exit(int code, String output, Duration elapsed) {

        /** A failed start: a non-zero exit, {@code sentence} in the failure report, and no stack trace. */
        public void assertFailedWith(String sentence) {
            assertThat(code).as("exit code; output:%n%s", output).isNotZero();
            assertThat(output).as("the failure report").contains("APPLICATION FAILED TO START").contains(sentence);
            assertThat(output.lines().filter(line -> line.startsWith("\tat ")))
                    .as("stack trace lines in the output:%n%s", output).isEmpty();
        }
    }
}
