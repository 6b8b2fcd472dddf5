package io.staticinvoice.replica;

import io.staticinvoice.config.LightningProperties;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wires this replica's heartbeat ({@code sis.replicas.heartbeat-ttl}); Spring starts and stops it. */
@Configuration(proxyBeanMethods = false)
public class ReplicaConfiguration {

    @Bean
    ReplicaHeartbeat replicaHeartbeat(DataSource dataSource, LightningProperties properties) {
        return new ReplicaHeartbeat(JdbcClient.create(dataSource), properties.replicas().heartbeatTtl());
    }
}
