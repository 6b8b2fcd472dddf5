package io.staticinvoice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class LocalDevelopmentKeyTest {

    private final LocalDevelopmentKey developmentKey = new LocalDevelopmentKey();

    @Test
    void theLocalProfileGetsARandomOperatorKeyPrintedWhenTheServerIsReady(CapturedOutput output) {
        StandardEnvironment environment = environment("local");

        developmentKey.postProcessEnvironment(environment, new SpringApplication());
        AdminProperties admin = Binder.get(environment).bind("sis.admin", AdminProperties.class).get();
        String key = environment.getProperty("sis.admin.api-keys[0].key");
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(environment);
        developmentKey.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));

        assertThat(admin.apiKeys()).singleElement().satisfies(apiKey -> {
            assertThat(apiKey.name()).isEqualTo(LocalDevelopmentKey.NAME);
            assertThat(apiKey.role()).isEqualTo(AdminProperties.Role.OPERATOR);
            assertThat(apiKey.isKeyLongEnough()).isTrue();
        });
        assertThat(key).matches("[0-9a-f]{64}");
        assertThat(output).contains("development API key for this run (OPERATOR): " + key);
        StandardEnvironment nextRun = environment("local");
        developmentKey.postProcessEnvironment(nextRun, new SpringApplication());
        assertThat(nextRun.getProperty("sis.admin.api-keys[0].key")).as("the next run's key").isNotEqualTo(key);
    }

    @Test
    void otherProfilesAndConfiguredKeysGetNone() {
        StandardEnvironment production = environment();
        StandardEnvironment configured = environment("local");
        configured.getPropertySources().addFirst(new MapPropertySource("configured",
                Map.of("sis.admin.api-keys[0].key", "configured-key-of-at-least-32-characters")));

        developmentKey.postProcessEnvironment(production, new SpringApplication());
        developmentKey.postProcessEnvironment(configured, new SpringApplication());

        assertThat(production.containsProperty("sis.admin.api-keys[0].key")).isFalse();
        assertThat(configured.getProperty("sis.admin.api-keys[0].name")).isNull();
    }

    private StandardEnvironment environment(String... profiles) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles(profiles);
        return environment;
    }
}
