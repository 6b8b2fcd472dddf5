package io.staticinvoice.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.yaml.snakeyaml.Yaml;

/**
 * A value in a parsed YAML document (a Kubernetes manifest, {@code application.yaml}), navigated
 * key by key. A missing key or a value of the wrong kind fails the test, naming where it was
 * looked for.
 *
 * @param where the file and keys that lead to this value, for failure messages
 * @param value what SnakeYAML made of it: a map, a list, a string, a number or a boolean
 */
record YamlNode(String where, Object value) {

    /** Every non-empty document of a file ({@code ---} separates them). */
    static List<YamlNode> documents(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return StreamSupport.stream(new Yaml().loadAll(reader).spliterator(), false)
                    .filter(Objects::nonNull)
                    .map(document -> new YamlNode(file.toString(), document))
                    .toList();
        }
    }

    /** The single document of a file. */
    static YamlNode document(Path file) throws IOException {
        List<YamlNode> documents = documents(file);
        if (documents.size() != 1) {
            throw new AssertionError(file + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    /** The value under these keys, which must be there. */
    YamlNode get(String... keys) {
        return find(keys).orElseThrow(() -> new AssertionError(where + ": no " + String.join(".", keys)));
    }

    /** The value under these keys, if every one is there. */
    Optional<YamlNode> find(String... keys) {
        YamlNode node = this;
        for (String key : keys) {
            Object child = node.map().get(key);
            if (child == null) {
                return Optional.empty();
            }
            node = new YamlNode(node.where + "." + key, child);
        }
        return Optional.of(node);
    }

    /** The entries of a list. */
    List<YamlNode> items() {
        if (!(value instanceof List<?> list)) {
            throw new AssertionError(where + ": expected a list, found " + value);
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(new YamlNode(where + "[" + i + "]", list.get(i)));
        }
        return items;
    }

    /** The keys and values of a map, as parsed. */
    Map<?, ?> map() {
        if (!(value instanceof Map<?, ?> map)) {
            throw new AssertionError(where + ": expected a map, found " + value);
        }
        return map;
    }

    /** A scalar as text: {@code 9735}, {@code http} and {@code "20s"} alike. */
    String text() {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new AssertionError(where + ": expected a scalar, found " + value);
        }
        return String.valueOf(value);
    }

    int integer() {
        if (!(value instanceof Integer number)) {
            throw new AssertionError(where + ": expected an integer, found " + value);
        }
        return number;
    }
}
