package io.staticinvoice.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration properties known on the classpath, as the configuration metadata of the
 * application ({@code sis.*}) and of Spring Boot's modules ({@code spring.datasource.*},
 * {@code logging.*}, ...) declares them, and whether an environment variable binds one of them
 * under Spring Boot's relaxed binding ({@code SIS_NODE_KEY_FILE} → {@code sis.node.key-file},
 * {@code SIS_ADMIN_API_KEYS_0_KEY} → {@code sis.admin.api-keys[0].key}). Entries of map-valued
 * properties ({@code LOGGING_LEVEL_ROOT}) are not recognised.
 */
final class ConfigurationPropertyCatalog {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final Pattern COLLECTION = Pattern.compile("java\\.util\\.(?:List|Set)<([\\w.$]+)>");
    private static final Pattern INDEX = Pattern.compile("(?<=_|^)(\\d+)(?=_|$)");
    private static final String ANY_INDEX = "[N]";

    /** Property names; list elements as {@code name[N]} or, for lists of records, {@code name[N].component}. */
    private final Set<String> names = new TreeSet<>();
    private final Map<String, String> defaults = new HashMap<>();

    private ConfigurationPropertyCatalog() {
    }

    static ConfigurationPropertyCatalog load() throws IOException {
        ConfigurationPropertyCatalog catalog = new ConfigurationPropertyCatalog();
        JsonMapper json = JsonMapper.builder().build();
        for (URL file : Collections.list(ConfigurationPropertyCatalog.class.getClassLoader().getResources(METADATA))) {
            try (InputStream in = file.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    catalog.add(property);
                }
            }
        }
        if (catalog.names.stream().noneMatch(name -> name.startsWith("sis."))) {
            throw new AssertionError("no metadata of the application's own properties on the classpath (compile first)");
        }
        return catalog;
    }

    /** The default of a property as its metadata gives it. */
    Optional<String> defaultValue(String property) {
        return Optional.ofNullable(defaults.get(property));
    }

    /** True when Spring Boot would bind this environment variable to a known property. */
    boolean binds(String variable) {
        // Spring applies its environment variable mapping only to a source of this name.
        ConfigurationPropertySource environment = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value")));
        List<String> indices = new ArrayList<>();
        Matcher index = INDEX.matcher(variable);
        while (index.find()) {
            indices.add(index.group(1));
        }
        return names.stream()
                .map(name -> withIndices(name, indices))
                .flatMap(Optional::stream)
                .map(ConfigurationPropertyName::ofIfValid)
                .anyMatch(name -> name != null && environment.getConfigurationProperty(name) != null);
    }

    private void add(JsonNode property) {
        String name = property.get("name").asString();
        names.add(name);
        if (property.hasNonNull("defaultValue") && property.get("defaultValue").isValueNode()) {
            defaults.put(name, property.get("defaultValue").asString());
        }
        Matcher collection = COLLECTION.matcher(property.path("type").asString(""));
        if (collection.matches()) {
            Optional<Class<?>> element = loadable(collection.group(1)).filter(Class::isRecord);
            if (element.isPresent()) {
                for (RecordComponent component : element.get().getRecordComponents()) {
                    names.add(name + ANY_INDEX + "." + kebabCase(component.getName()));
                }
            } else {
                names.add(name + ANY_INDEX);
            }
        }
    }

    /** The name with each {@code [N]} replaced by the variable's indices, if their counts agree. */
    private static Optional<String> withIndices(String name, List<String> indices) {
        StringBuilder result = new StringBuilder();
        Iterator<String> next = indices.iterator();
        int from = 0;
        for (int at = name.indexOf(ANY_INDEX); at >= 0; at = name.indexOf(ANY_INDEX, from)) {
            if (!next.hasNext()) {
                return Optional.empty();
            }
            result.append(name, from, at).append('[').append(next.next()).append(']');
            from = at + ANY_INDEX.length();
        }
        return next.hasNext() ? Optional.empty() : Optional.of(result.append(name.substring(from)).toString());
    }

    private static Optional<Class<?>> loadable(String className) {
        try {
            return Optional.of(Class.forName(className, false, ConfigurationPropertyCatalog.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String kebabCase(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
