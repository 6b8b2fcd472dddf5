package io.staticinvoice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the README's configuration reference true: its table lists exactly the {@code sis.*}
 * properties that the {@code @ConfigurationProperties} records declare (as the Spring Boot
 * configuration processor reports them in its metadata).
 */
class ConfigurationReferenceTest {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `(sis\\.[a-z0-9.\\-\\[\\]N]+)` \\|", Pattern.MULTILINE);

    @Test
    void readmeTableListsEveryPropertyAndNoOther() throws IOException {
        assertThat(documented()).isEqualTo(declared());
    }

    private static Set<String> declared() throws IOException {
        Set<String> names = new TreeSet<>();
        try (InputStream metadata = ConfigurationReferenceTest.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(metadata).as("configuration processor metadata").isNotNull();
            for (JsonNode property : JsonMapper.builder().build().readTree(metadata).get("properties")) {
                String name = property.get("name").asString();
                if (name.startsWith("sis.")) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** Table rows, with list entries such as {@code sis.admin.api-keys[N].name} folded into their list. */
    private static Set<String> documented() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher row = TABLE_ROW.matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            names.add(row.group(1).replaceAll("\\[N]\\..*$", ""));
        }
        return names;
    }
}
