package io.staticinvoice.gateway;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Resolves peers' host names (configured peers, remembered addresses) with the JDK resolver on
 * a small pool of its own, so that a slow DNS server never stalls an event loop: Netty's default
 * resolver looks names up on the event loop that connects. Resolved addresses complete at once;
 * IP literals resolve without a lookup.
 */
final class HostResolver implements AutoCloseable {

    private static final int THREADS = 2;
    private static final int QUEUED_LOOKUPS = 256;

    private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED_LOOKUPS), new DefaultThreadFactory("lightning-dns", true));

    HostResolver() {
        lookups.allowCoreThreadTimeOut(true);
    }

    /**
     * The address with its host looked up; fails with an {@link UnknownHostException} when the
     * host has no address, or when too many lookups are waiting or the resolver is closed.
     */
    CompletableFuture<InetSocketAddress> resolve(InetSocketAddress address) {
        if (!address.isUnresolved()) {
            return CompletableFuture.completedFuture(address);
        }
        CompletableFuture<InetSocketAddress> resolved = new CompletableFuture<>();
        try {
            lookups.execute(() -> {
                InetSocketAddress found = new InetSocketAddress(address.getHostString(), address.getPort());
                if (found.isUnresolved()) {
                    resolved.completeExceptionally(new UnknownHostException(address.getHostString()));
                } else {
                    resolved.complete(found);
                }
            });
        } catch (RejectedExecutionException busy) {
            resolved.completeExceptionally(new UnknownHostException(address.getHostString()
                    + ": not looked up (" + QUEUED_LOOKUPS + " lookups waiting, or the gateway is stopping)"));
        }
        return resolved;
    }

    /** Takes no more lookups; those already queued still complete (their futures never hang). */
    @Override
    public void close() {
        lookups.shutdown();
    }
}
