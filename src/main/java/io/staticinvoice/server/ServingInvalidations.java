package io.staticinvoice.server;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
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
public class ServingInvalidations implements SmartLifecycle {

    static final String CHANNEL = "sis_serving";
    private static final int WAIT_MILLIS = 500;
    private static final long RETRY_MILLIS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(ServingInvalidations.class);

    private final DataSource dataSource;
    private final ServingCache cache;
    private final AtomicLong sessions = new AtomicLong();
    private volatile Thread listener;

    public ServingInvalidations(DataSource dataSource, ServingCache cache) {
        this.dataSource = dataSource;
        this.cache = cache;
    }

    @Override
    public synchronized void start() {
        if (listener == null) {
            listener = new DefaultThreadFactory("serving-invalidations", true).newThread(this::listen);
            listener.start();
        }
    }

    /** Stops listening and waits (a little longer than one wait for notifications) for the connection's return. */
    @Override
    public synchronized void stop() {
        Thread stopping = listener;
        listener = null;
        if (stopping != null) {
            try {
                stopping.join(WAIT_MILLIS + RETRY_MILLIS + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cache.listening(false);
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    /** How many times a LISTEN session began (tests await a reconnection with it). */
    public long sessionsStarted() {
        return sessions.get();
    }

    private void listen() {
        while (listener == Thread.currentThread()) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                cache.listening(true);
                sessions.incrementAndGet();
                try {
                    receive(connection.unwrap(PGConnection.class));
                } finally {
                    cache.listening(false);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("UNLISTEN *");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                cache.listening(false);
                if (listener == Thread.currentThread()) {
                    log.warn("Serving cache listener lost its connection, reading invoices from the database "
                            + "until it is back: {}", e.toString());
                    pause();
                }
            }
        }
    }

    private void receive(PGConnection connection) throws SQLException {
        while (listener == Thread.currentThread()) {
            PGNotification[] received = connection.getNotifications(WAIT_MILLIS);
            if (received == null) {
                continue;
            }
            for (PGNotification notification : received) {
                try {
                    cache.invalidate(Long.parseLong(notification.getParameter()));
                } catch (NumberFormatException e) {
                    log.warn("Ignoring {} notification '{}': not a recipient key", CHANNEL, notification.getParameter());
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
