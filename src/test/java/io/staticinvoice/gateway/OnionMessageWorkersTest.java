package io.staticinvoice.gateway;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnionMessageWorkersTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private OnionMessageWorkers workers(int capacity, int perPeer) {
        return new OnionMessageWorkers(1, capacity, perPeer, new GatewayMetrics(meters));
    }

    private double drops(GatewayMetrics.Drop reason) {
        var counter = meters.find(GatewayMetrics.DROPS).tag("reason", reason.name().toLowerCase()).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Occupies the single worker thread until {@code release} opens; returns once it runs. */
    private static void occupy(OnionMessageWorkers workers, CountDownLatch release) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        assertThat(workers.trySubmit(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })).isTrue();
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void refusesTasksBeyondItsThreadsAndQueue() throws Exception {
        OnionMessageWorkers workers = workers(2, 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(2);
        occupy(workers, release);
        assertThat(workers.trySubmit(done::countDown)).as("queued").isTrue();
        assertThat(workers.trySubmit(done::countDown)).as("queued").isTrue();
        assertThat(workers.queued()).isEqualTo(2);
        assertThat(workers.trySubmit(done::countDown)).as("queue full").isFalse();
        assertThatThrownBy(() -> workers.executor().execute(done::countDown)).isInstanceOf(RejectedExecutionException.class);
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        workers.close();
    }

    @Test
    void aPeerFillsOnlyItsOwnQueueAndPeersTakeTurns() throws Exception {
        OnionMessageWorkers workers = workers(100, 3);
        CountDownLatch release = new CountDownLatch(1);
        occupy(workers, release);
        List<String> ran = new CopyOnWriteArrayList<>();
        Object flooder = new Object();
        Object polite = new Object();
        for (int i = 0; i < 10; i++) {
            int n = i;
            workers.trySubmit(flooder, () -> ran.add("flood" + n));
        }
        assertThat(drops(GatewayMetrics.Drop.PEER_WORKER_QUEUE_FULL)).as("beyond its 3").isEqualTo(7);
        CountDownLatch done = new CountDownLatch(3);
        for (int i = 0; i < 2; i++) {
            int n = i;
            assertThat(workers.trySubmit(polite, () -> {
                ran.add("polite" + n);
                done.countDown();
            })).isTrue();
        }
        assertThat(workers.trySubmit(polite, done::countDown)).as("its third").isTrue();
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.subList(0, 4)).as("round robin, each peer in its order")
                .containsExactly("flood0", "polite0", "flood1", "polite1");
        workers.close();
    }

    @Test
    void whenAllQueuesAreFullTheLongestGivesWay() throws Exception {
        OnionMessageWorkers workers = workers(4, 4);
        CountDownLatch release = new CountDownLatch(1);
        occupy(workers, release);
        List<String> ran = new CopyOnWriteArrayList<>();
        Object flooder = new Object();
        Object polite = new Object();
        for (int i = 0; i < 4; i++) {
            int n = i;
            assertThat(workers.trySubmit(flooder, () -> ran.add("flood" + n))).isTrue();
        }
        CountDownLatch done = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            int n = i;
            assertThat(workers.trySubmit(polite, () -> {
                ran.add("polite" + n);
                done.countDown();
            })).as("pushes out the flooder's newest").isTrue();
        }
        assertThat(drops(GatewayMetrics.Drop.WORKER_POOL_FULL)).isEqualTo(2);
        assertThat(workers.trySubmit(polite, () -> { })).as("as long as the longest now: refused").isFalse();
        assertThat(drops(GatewayMetrics.Drop.WORKER_POOL_FULL)).isEqualTo(3);
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("flood0", "polite0", "flood1", "polite1");
        workers.close();
    }

    @Test
    void aFailingTaskDoesNotKillItsThread() throws Exception {
        OnionMessageWorkers workers = workers(4, 4);
        CountDownLatch after = new CountDownLatch(1);
        workers.trySubmit(() -> {
            throw new IllegalStateException("boom");
        });
        workers.trySubmit(after::countDown);
        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
        workers.close();
    }

    @Test
    void startsAgainAfterAShutdown() throws Exception {
        OnionMessageWorkers workers = workers(1, 1);
        workers.shutdown(1_000);
        assertThat(workers.trySubmit(() -> { })).as("stopped").isFalse();
        workers.start();
        CountDownLatch ran = new CountDownLatch(1);
        assertThat(workers.trySubmit(ran::countDown)).isTrue();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        workers.close();
    }

    @Test
    void awaitIdleWaitsForTheQueuedAndRunningTasks() throws Exception {
        OnionMessageWorkers workers = workers(10, 10);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch queuedRan = new CountDownLatch(1);
        occupy(workers, release);
        assertThat(workers.trySubmit(new Object(), queuedRan::countDown)).isTrue();
        assertThat(workers.awaitIdle(Duration.ofMillis(50))).as("a task runs, another waits").isFalse();
        release.countDown();
        assertThat(workers.awaitIdle(Duration.ofSeconds(5))).as("both done").isTrue();
        assertThat(queuedRan.getCount()).isZero();
        assertThat(workers.trySubmit(() -> { })).as("still taking tasks").isTrue();
        workers.close();
    }
}
