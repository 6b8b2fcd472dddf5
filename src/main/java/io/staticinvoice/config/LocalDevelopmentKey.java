package io.staticinvoice.config;

import io.staticinvoice.lightning.codec.Hex;
import java.security.SecureRandom;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.Profiles;

/**
 * The {@code local} profile's development API key: when that profile is active and no API key
 * is configured, a random OPERATOR key is added for this run only and printed once the server
 * is ready, so a developer can use the Swagger UI at once. Never in any other profile. Listed in
 * {@code META-INF/spring.factories}, as an environment post-processor (to add the key before
 * binding) and as a listener (to print it).
 */
public final class LocalDevelopmentKey implements EnvironmentPostProcessor, ApplicationListener<ApplicationReadyEvent> {

    static final String PROFILE = "local";
    static final String NAME = "local-developer";
    private static final String SOURCE = "localDevelopmentKey";
    private static final Logger log = LoggerFactory.getLogger(LocalDevelopmentKey.class);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of(PROFILE)) || environment.containsProperty("sis.admin.api-keys[0].key")) {
            return;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "sis.admin.api-keys[0].name", NAME,
                "sis.admin.api-keys[0].key", Hex.encode(random),
                "sis.admin.api-keys[0].role", AdminProperties.Role.OPERATOR.name())));
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        if (environment instanceof ConfigurableEnvironment configurable
                && configurable.getPropertySources().get(SOURCE) instanceof MapPropertySource source) {
            log.warn("Profile '{}': development API key for this run (OPERATOR): {}  (Swagger UI: http://localhost:{}"
                    + "/swagger-ui.html, Authorize, paste the key)", PROFILE, source.getProperty("sis.admin.api-keys[0].key"),
                    environment.getProperty("local.server.port", environment.getProperty("server.port", "8080")));
        }
    }
}
