package io.staticinvoice.config;

import io.staticinvoice.lightning.crypto.PrivateKey;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the node's private key ({@link NodeKeyLoader}: {@code sis.node.private-key}, or the
 * key file, generated on first start) and loads it before the {@link DataSource} is created, so
 * that a bad key stops the start at once, before any database connection or migration. The key
 * is never logged; only the node id is.
 */
@Configuration(proxyBeanMethods = false)
public class NodeKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NodeKeyConfiguration.class);

    @Bean
    LoadedNodeKey loadedNodeKey(LightningProperties properties) {
        LoadedNodeKey loaded = NodeKeyLoader.load(properties.node());
        log.info("Lightning node id {} (key from {})", loaded.key().publicKey().hex(), loaded.source());
        return loaded;
    }

    @Bean
    PrivateKey nodeKey(LoadedNodeKey loaded) {
        return loaded.key();
    }

    @Bean
    static NodeKeyBeforeDatabase nodeKeyBeforeDatabase() {
        return new NodeKeyBeforeDatabase();
    }

    /** Makes every {@link DataSource} depend on the node key, which is thereby loaded and checked first. */
    static final class NodeKeyBeforeDatabase extends AbstractDependsOnBeanFactoryPostProcessor {

        NodeKeyBeforeDatabase() {
            super(DataSource.class, LoadedNodeKey.class);
        }
    }
}
