package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.staticinvoice.server.ServeRecorder.Servings;
import io.staticinvoice.store.Recipient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ServeRecorderTest {

    private static final Instant T0 = Instant.parse("2026-11-29T20:00:00Z");

    private final InvoiceService invoices = mock(InvoiceService.class);
    private final MutableClock clock = new MutableClock(T0);
    private final ServeRecorder recorder = new ServeRecorder(invoices, clock);
    private final Recipient alice = recipient(7L);
    private final Recipient bob = recipient(9L);

    @Test
    void writesOneCountPerInvoiceWithTheLastTimeInInvoiceOrder() {
        recorder.record(42, alice);
        clock.set(T0.plusSeconds(1));
        recorder.record(5, bob);
        recorder.record(42, alice);
        clock.set(T0.plusSeconds(2));
        recorder.record(42, alice);

        recorder.flush();

        assertThat(written(1)).containsExactly(
                new Servings(5, 9, 1, T0.plusSeconds(1)),
                new Servings(42, 7, 3, T0.plusSeconds(2)));
    }

    @Test
    void eachServingIsWrittenOnce() {
        recorder.record(42, alice);
        recorder.flush();
        recorder.flush();
        recorder.record(42, alice);
        recorder.flush();

        List<Collection<Servings>> writes = writes(2);
        assertThat(writes.get(0)).containsExactly(new Servings(42, 7, 1, T0));
        assertThat(writes.get(1)).containsExactly(new Servings(42, 7, 1, T0));
    }

    @Test
    void nothingServedWritesNothing() {
        recorder.flush();

        verify(invoices, never()).recordServed(anyList());
    }

    @Test
    void aFailedWriteKeepsTheCountsForTheNext() {
        doThrow(new IllegalStateException("database down")).doNothing().when(invoices).recordServed(anyList());
        recorder.record(42, alice);
        recorder.flush();
        clock.set(T0.plusSeconds(3));
        recorder.record(42, alice);

        recorder.flush();

        assertThat(writes(2).get(1)).containsExactly(new Servings(42, 7, 2, T0.plusSeconds(3)));
    }

    private List<Servings> written(int calls) {
        return new ArrayList<>(writes(calls).get(calls - 1));
    }

    @SuppressWarnings("unchecked")
    private List<Collection<Servings>> writes(int calls) {
        ArgumentCaptor<List<Servings>> batches = ArgumentCaptor.forClass(List.class);
        verify(invoices, times(calls)).recordServed(batches.capture());
        // The recorder hands over a list it does not touch again: copy each as it was passed.
        return batches.getAllValues().stream().<Collection<Servings>>map(List::copyOf).toList();
    }

    private static Recipient recipient(long id) {
        Recipient recipient = mock(Recipient.class);
        when(recipient.getId()).thenReturn(id);
        return recipient;
    }
}
