package io.staticinvoice.gateway;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnionMessageWorkersTest {

    @Test
    void refusesTasksBeyondItsThreadsAndQueue() throws Exception {
        OnionMessageWorkers workers = new OnionMessageWorkers(1, 2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(3);
        Runnable blocked = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        };
        assertThat(workers.trySubmit(blocked)).as("runs on the thread").isTrue();
        assertThat(workers.trySubmit(blocked)).as("queued").isTrue();
        assertThat(workers.trySubmit(blocked)).as("queued").isTrue();
        assertThat(workers.trySubmit(blocked)).as("queue full").isFalse();
        assertThatThrownBy(() -> workers.executor().execute(blocked)).isInstanceOf(RejectedExecutionException.class);
        release.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        workers.close();
    }

    @Test
    void aFailingTaskDoesNotKillItsThread() throws Exception {
        OnionMessageWorkers workers = new OnionMessageWorkers(1, 4);
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
        OnionMessageWorkers workers = new OnionMessageWorkers(1, 1);
        workers.shutdown(1_000);
        assertThat(workers.trySubmit(() -> { })).as("stopped").isFalse();
        workers.start();
        CountDownLatch ran = new CountDownLatch(1);
        assertThat(workers.trySubmit(ran::countDown)).isTrue();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        workers.close();
    }
}
