package io.staticinvoice.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the operator REST admin API ({@code sis.admin.*}). Each API key is bound straight
 * into its {@link ApiKeyHash}, so the configured plaintext is never held by a bean. With no key
 * configured every API request is answered 401.
 *
 * @param apiKeys the bearer keys the API accepts: {@code sis.admin.api-keys[N].name}, {@code .key}, {@code .role}
 */
@Validated
@ConfigurationProperties(prefix = "sis.admin")
public record AdminProperties(List<@Valid @NotNull ApiKey> apiKeys) {

    /** The shortest API key accepted, in characters. */
    public static final int MIN_KEY_LENGTH = 32;

    /**
     * Keys that this project published in its documentation and examples (the first
     * {@code docker-compose.yml} shipped one), so anyone may know them: refused like short keys.
     */
    static final List<ApiKeyHash> PUBLISHED_KEYS = Stream.of("change-me-operator-key-000000000000")
            .map(ApiKeyHash::of).toList();

    public AdminProperties {
        apiKeys = apiKeys == null ? List.of() : List.copyOf(apiKeys);
    }

    /** Two keys with one name would make the audit log ambiguous. */
    @AssertTrue(message = "API key names must be unique")
    public boolean isEveryNameUnique() {
        return apiKeys.stream().map(ApiKey::name).distinct().count() == apiKeys.size();
    }

    /** One key with two roles would make its role depend on configuration order. */
    @AssertTrue(message = "API keys must be distinct")
    public boolean isEveryKeyDistinct() {
        return apiKeys.stream().map(ApiKey::key).distinct().count() == apiKeys.size();
    }

    /**
     * One API key.
     *
     * @param name the key's name, recorded as the actor of every change made with it
     * @param key  the key, hashed on binding; at least {@value AdminProperties#MIN_KEY_LENGTH} characters
     * @param role what the key may do
     */
    public record ApiKey(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+") String name,
                         @NotNull ApiKeyHash key,
                         @NotNull Role role) {

        @AssertTrue(message = "an API key must have at least " + MIN_KEY_LENGTH + " characters")
        public boolean isKeyLongEnough() {
            return key == null || key.keyLength() >= MIN_KEY_LENGTH;
        }

        @AssertTrue(message = "this API key is published in the server's documentation or examples; "
                + "generate your own with openssl rand -hex 32")
        public boolean isKeyUnpublished() {
            return key == null || PUBLISHED_KEYS.stream().noneMatch(key::matches);
        }
    }

    /** What an API key may do: VIEWER reads, OPERATOR reads and changes. */
    public enum Role {
        VIEWER,
        OPERATOR
    }
}
