package io.staticinvoice.config;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link ProtocolProperties} bound exactly as Spring binds them: defaults plus the given {@code sis.*} overrides. */
public final class ProtocolPropertiesFixture {

    private ProtocolPropertiesFixture() {
    }

    public static ProtocolProperties with(Map<String, String> overrides) {
        return new Binder(new MapConfigurationPropertySource(overrides)).bindOrCreate("sis", ProtocolProperties.class);
    }
}
