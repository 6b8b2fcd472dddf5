package io.staticinvoice.replica;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for PostgreSQL notifications ({@code LISTEN}) on some channels, on a connection and a
 * thread of its own, and hands each to its {@link Subscriber}. It tells the subscriber when it
 * starts and stops listening, so that whatever the subscriber keeps in memory on the strength of
 * the notifications can be dropped while none can arrive; a lost connection is retried every
 * second. This is how replicas wake and invalidate each other (DESIGN.md, "One node, many
 * replicas").
 */
public final class NotificationListener implements AutoCloseable {

    /** What receives the notifications. Called on the listener's thread only. */
    public interface Subscriber {

        /** The listener began ({@code true}) or ended ({@code false}) a session: notifications arrive only between the two. */
        void listening(boolean listening);

        void notified(String channel, String payload);
    }

    private static final int WAIT_MILLIS = 500;
    private static final long RETRY_MILLIS = 1_000;
    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final DataSource dataSource;
    private final String name;
    private final List<String> channels;
    private final Subscriber subscriber;
    private final AtomicLong sessions = new AtomicLong();
    private volatile Thread thread;

    /**
     * @param name     names the thread and the log lines
     * @param channels channel names: plain identifiers, never peer input
     */
    public NotificationListener(DataSource dataSource, String name, List<String> channels, Subscriber subscriber) {
        for (String channel : channels) {
            if (!channel.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("not a plain channel name: " + channel);
            }
        }
        this.dataSource = dataSource;
        this.name = name;
        this.channels = List.copyOf(channels);
        this.subscriber = subscriber;
    }

    public synchronized void start() {
        if (thread == null) {
            thread = new DefaultThreadFactory(name, true).newThread(this::listen);
            thread.start();
        }
    }

    /** Stops listening and waits (a little longer than one wait for notifications) for the connection's return. */
    @Override
    public synchronized void close() {
        Thread stopping = thread;
        thread = null;
        if (stopping != null) {
            try {
                stopping.join(WAIT_MILLIS + RETRY_MILLIS + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isRunning() {
        return thread != null;
    }

    /** How many times a LISTEN session began (tests await a reconnection with it). */
    public long sessionsStarted() {
        return sessions.get();
    }

    private void listen() {
        while (thread == Thread.currentThread()) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    for (String channel : channels) {
                        statement.execute("LISTEN " + channel);
                    }
                }
                subscriber.listening(true);
                sessions.incrementAndGet();
                try {
                    receive(connection.unwrap(PGConnection.class));
                } finally {
                    subscriber.listening(false);
                    // The connection goes back to the pool: it must not keep collecting notifications.
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("UNLISTEN *");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (thread == Thread.currentThread()) {
                    log.warn("{} lost its database connection, retrying: {}", name, e.toString());
                    pause();
                }
            }
        }
    }

    private void receive(PGConnection connection) throws SQLException {
        while (thread == Thread.currentThread()) {
            PGNotification[] received = connection.getNotifications(WAIT_MILLIS);
            if (received != null) {
                for (PGNotification notification : received) {
                    subscriber.notified(notification.getName(), notification.getParameter());
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
