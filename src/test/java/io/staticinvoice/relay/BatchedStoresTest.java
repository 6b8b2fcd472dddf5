package io.staticinvoice.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.gateway.GatewayTestSupport;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.wire.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchedStoresTest {

    private final NodeId wallet = new NodeId(PrivateKey.random().publicKey());
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstBatchMayFinish = new CountDownLatch(1);

    @Test
    void storesQueuedWhileABatchIsWrittenGoTogetherIntoTheNextInOrder() throws Exception {
        BatchedStores stores = new BatchedStores(100, 3, Duration.ZERO, this::write);
        List<CompletableFuture<Boolean>> stored = new ArrayList<>();
        stored.add(stores.submit(wallet, new byte[] {0}, false));
        GatewayTestSupport.await(Duration.ofSeconds(5), "the first batch is being written", () -> batches.size() == 1);
        for (int i = 1; i <= 5; i++) {
            stored.add(stores.submit(wallet, new byte[] {(byte) i}, i % 2 == 0));
        }
        firstBatchMayFinish.countDown();

        assertThat(stored.stream().map(CompletableFuture::join)).containsExactly(true, false, true, false, true, false);
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5));
        stores.close();
    }

    @Test
    void afterTheFirstStoreOfABatchTheWriterWaitsUpToTheLingerForMore() throws Exception {
        firstBatchMayFinish.countDown();
        BatchedStores stores = new BatchedStores(100, 3, Duration.ofSeconds(30), this::write);
        List<CompletableFuture<Boolean>> stored = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stored.add(stores.submit(wallet, new byte[] {(byte) i}, false));
        }

        assertThat(stored.stream().map(CompletableFuture::join)).containsExactly(true, false, true);
        assertThat(batches).as("one batch, written once full").containsExactly(List.of(0, 1, 2));
        stores.close();
    }

    @Test
    void closeWritesWhatIsQueuedAndALaterStoreStartsTheWriterAgain() throws Exception {
        firstBatchMayFinish.countDown();
        BatchedStores stores = new BatchedStores(100, 64, Duration.ZERO, this::write);
        CompletableFuture<Boolean> before = stores.submit(wallet, new byte[] {1}, false);
        stores.close();
        assertThat(before).isCompletedWithValue(false);

        assertThat(stores.submit(wallet, new byte[] {2}, false).get(5, TimeUnit.SECONDS)).isTrue();
        stores.close();
    }

    @Test
    void aFailedBatchFailsEachOfItsStores() throws Exception {
        BatchedStores stores = new BatchedStores(100, 64, Duration.ZERO, batch -> {
            throw new IllegalStateException("database down");
        });

        assertThatThrownBy(() -> stores.submit(wallet, new byte[] {1}, false).join())
                .isInstanceOf(CompletionException.class).hasMessageContaining("database down");
        stores.close();
    }

    /** Records the batch (by first body byte), holds the first one until released; kept when the byte is even. */
    private List<Boolean> write(List<BatchedStores.Store> batch) {
        batches.add(batch.stream().map(store -> (int) store.body()[0]).toList());
        if (batches.size() == 1) {
            try {
                firstBatchMayFinish.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return batch.stream().map(store -> store.body()[0] % 2 == 0).toList();
    }
}
