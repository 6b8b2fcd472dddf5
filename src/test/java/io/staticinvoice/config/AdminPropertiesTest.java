package io.staticinvoice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.config.AdminProperties.Role;
import jakarta.validation.Validation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

class AdminPropertiesTest {

    private static final String OPERATOR_KEY = "an-operator-key-of-at-least-32-chars";
    private static final String VIEWER_KEY = "a-viewer-key-of-at-least-32-characters";

    @Test
    void bindsKeysAsHashesOnly() {
        AdminProperties properties = bind(Map.of(
                "sis.admin.api-keys[0].name", "ops", "sis.admin.api-keys[0].key", OPERATOR_KEY,
                "sis.admin.api-keys[0].role", "OPERATOR",
                "sis.admin.api-keys[1].name", "dashboard", "sis.admin.api-keys[1].key", VIEWER_KEY,
                "sis.admin.api-keys[1].role", "viewer"));

        assertThat(properties.apiKeys()).extracting(AdminProperties.ApiKey::name).containsExactly("ops", "dashboard");
        assertThat(properties.apiKeys()).extracting(AdminProperties.ApiKey::role)
                .containsExactly(Role.OPERATOR, Role.VIEWER);
        assertThat(properties.apiKeys().get(0).key().matches(ApiKeyHash.of(OPERATOR_KEY))).isTrue();
        assertThat(properties.apiKeys().get(0).key().matches(ApiKeyHash.of(VIEWER_KEY))).isFalse();
        assertThat(properties.toString()).doesNotContain(OPERATOR_KEY, VIEWER_KEY);
    }

    @Test
    void noKeysIsAnEmptyList() {
        assertThat(bind(Map.of("sis.admin.other", "x")).apiKeys()).isEmpty();
    }

    @Test
    void rejectsShortKeysWithoutRevealingThem() {
        String shortKey = "too-short-key";
        assertThatThrownBy(() -> bind(Map.of("sis.admin.api-keys[0].name", "ops",
                "sis.admin.api-keys[0].key", shortKey, "sis.admin.api-keys[0].role", "OPERATOR")))
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(validationMessages(e)).contains("at least 32 characters"))
                .satisfies(e -> assertThat(validationMessages(e)).doesNotContain(shortKey));
    }

    @Test
    void rejectsMissingRoleAndBlankName() {
        assertThatThrownBy(() -> bind(Map.of("sis.admin.api-keys[0].name", " ",
                "sis.admin.api-keys[0].key", OPERATOR_KEY)))
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(validationMessages(e)).contains("role", "name"));
    }

    @Test
    void rejectsDuplicateNamesAndKeys() {
        assertThatThrownBy(() -> bind(Map.of(
                "sis.admin.api-keys[0].name", "ops", "sis.admin.api-keys[0].key", OPERATOR_KEY,
                "sis.admin.api-keys[0].role", "OPERATOR",
                "sis.admin.api-keys[1].name", "ops", "sis.admin.api-keys[1].key", OPERATOR_KEY,
                "sis.admin.api-keys[1].role", "VIEWER")))
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(validationMessages(e))
                        .contains("names must be unique", "keys must be distinct"));
    }

    @Test
    void rejectsTheKeysPublishedInTheDocumentation() {
        assertThatThrownBy(() -> bind(Map.of("sis.admin.api-keys[0].name", "compose-operator",
                "sis.admin.api-keys[0].key", "change-me-operator-key-000000000000", "sis.admin.api-keys[0].role", "OPERATOR")))
                .isInstanceOf(BindException.class)
                .satisfies(e -> assertThat(validationMessages(e)).contains("published in the server's documentation"));
    }

    private static AdminProperties bind(Map<String, String> values) {
        SpringValidatorAdapter validator = new SpringValidatorAdapter(
                Validation.buildDefaultValidatorFactory().getValidator());
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("sis.admin", Bindable.of(AdminProperties.class), new ValidationBindHandler(validator));
    }

    private static String validationMessages(Throwable e) {
        BindValidationException validation = (BindValidationException) e.getCause();
        return validation.getValidationErrors().getAllErrors().toString();
    }
}
