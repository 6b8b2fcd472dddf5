package io.staticinvoice.server;

import io.staticinvoice.replica.NotificationListener;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link ServingCache} true to the database: listens on channel {@code sis_serving}
 * (notified by the triggers of migration V6 on every committed change to a recipient or its
 * invoices) on a connection of its own and drops the named recipient from memory. The cache keeps
 * nothing unless this listener is listening; a lost connection is retried every second.
 */
@Component
public class ServingInvalidations implements SmartLifecycle, NotificationListener.Subscriber {

    static final String CHANNEL = "sis_serving";
    private static final Logger log = LoggerFactory.getLogger(ServingInvalidations.class);

    private final ServingCache cache;
    private final NotificationListener listener;

    public ServingInvalidations(DataSource dataSource, ServingCache cache) {
        this.cache = cache;
        this.listener = new NotificationListener(dataSource, "serving-invalidations", List.of(CHANNEL), this);
    }

    @Override
    public void start() {
        listener.start();
    }

    @Override
    public void stop() {
        listener.close();
        cache.listening(false);
    }

    @Override
    public boolean isRunning() {
        return listener.isRunning();
    }

    /** How many times a LISTEN session began (tests await a reconnection with it). */
    public long sessionsStarted() {
        return listener.sessionsStarted();
    }

    @Override
    public void listening(boolean listening) {
        cache.listening(listening);
    }

    @Override
    public void notified(String channel, String payload) {
        try {
            cache.invalidate(Long.parseLong(payload));
        } catch (NumberFormatException e) {
            log.warn("Ignoring {} notification '{}': not a recipient key", CHANNEL, payload);
        }
    }
}
