package io.staticinvoice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every API key written out in this project's documentation and deployment examples is one the
 * server refuses ({@link AdminProperties#PUBLISHED_KEYS}, or too short), so no operator can go
 * live with a key that anyone reading the docs knows.
 */
class PublishedApiKeysTest {

    /** A value given to something named like an API key: {@code key: ...}, {@code ..._KEY=...}, {@code KEY: ...}. */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)(?:\\bkey|_KEY|api-key|apikey)[\"']?\\s*[:=]\\s*[\"']?([^\\s\"'$`{}()<>,]+)");

    @Test
    void everyKeyInTheDocsAndExamplesIsRefused() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : documentsAndExamples()) {
            Matcher value = KEY_VALUE.matcher(Files.readString(file));
            while (value.find()) {
                found.add(value.group(1));
            }
        }
        assertThat(found).as("keys written in the docs and examples").isNotEmpty();
        assertThat(found).allSatisfy(key -> assertThat(key.length() < AdminProperties.MIN_KEY_LENGTH
                || AdminProperties.PUBLISHED_KEYS.stream().anyMatch(ApiKeyHash.of(key)::matches))
                .as("%s is refused by the server", key).isTrue());
    }

    /** Text a reader copies from; images (the console screenshots) hold no keys to copy. */
    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        return !name.endsWith(".png");
    }

    private static List<Path> documentsAndExamples() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md"), Path.of("docker-compose.yml"),
                Path.of("src/main/resources/application.yaml")));
        for (String directory : List.of("deploy", "docs")) {
            try (Stream<Path> tree = Files.walk(Path.of(directory))) {
                tree.filter(Files::isRegularFile).filter(PublishedApiKeysTest::isText).forEach(files::add);
            }
        }
        return files;
    }
}
