package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.config.ProtocolPropertiesFixture;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.server.RequestCopies.Admission;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RequestCopiesTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger tokens = new AtomicInteger();
    private final RequestCopies copies = copies(Map.of("sis.rate-limit.request-copies", "3",
            "sis.rate-limit.request-copy-window", "10s", "sis.rate-limit.max-tracked-requests", "2"));

    @Test
    void theFirstCopyTakesATokenAndTheNextOnesOnNewReplyPathsDoNot() {
        byte[] request = {1, 2, 3};

        assertThat(admit(request, replyPath())).isEqualTo(Admission.FIRST);
        assertThat(admit(request, replyPath())).isEqualTo(Admission.COPY);
        assertThat(admit(request, Optional.empty())).as("without a reply path").isEqualTo(Admission.COPY);
        assertThat(tokens).hasValue(1);
    }

    @Test
    void aCopyOnAReplyPathAlreadyAnsweredIsNotAnsweredAgain() {
        byte[] request = {1, 2, 3};
        Optional<PublicKey> replyPath = replyPath();

        assertThat(admit(request, replyPath)).isEqualTo(Admission.FIRST);
        assertThat(admit(request, replyPath)).isEqualTo(Admission.ANSWERED);
    }

    @Test
    void beyondItsCopiesOrItsWindowARequestTakesATokenAgain() {
        byte[] request = {1, 2, 3};
        admit(request, replyPath());
        for (int i = 0; i < 3; i++) {
            assertThat(admit(request, replyPath())).isEqualTo(Admission.COPY);
        }
        assertThat(admit(request, replyPath())).as("a fourth copy").isEqualTo(Admission.FIRST);
        assertThat(tokens).hasValue(2);

        nanos.addAndGet(Duration.ofSeconds(10).toNanos() + 1);
        assertThat(admit(request, replyPath())).as("after the window").isEqualTo(Admission.FIRST);
        assertThat(tokens).hasValue(3);
    }

    @Test
    void aRefusedRequestIsNotRememberedSoItsCopiesAskForATokenToo() {
        byte[] request = {1, 2, 3};
        assertThatThrownBy(() -> copies.admit(request, replyPath(), () -> {
            throw new MessageDropped("rate_limited", "test");
        })).isInstanceOf(MessageDropped.class);

        assertThat(copies.size()).isZero();
        assertThat(admit(request, replyPath())).isEqualTo(Admission.FIRST);
    }

    @Test
    void otherRequestsAreNotCopiesAndTheLeastRecentlySeenAreForgottenBeyondTheBound() {
        byte[] first = {1};
        admit(first, replyPath());
        assertThat(admit(new byte[] {2}, replyPath())).isEqualTo(Admission.FIRST);
        assertThat(admit(new byte[] {3}, replyPath())).isEqualTo(Admission.FIRST);

        assertThat(copies.size()).isEqualTo(2);
        assertThat(admit(first, replyPath())).as("forgotten").isEqualTo(Admission.FIRST);
    }

    private Admission admit(byte[] request, Optional<PublicKey> replyPath) {
        return copies.admit(request, replyPath, tokens::incrementAndGet);
    }

    private static Optional<PublicKey> replyPath() {
        return Optional.of(PrivateKey.random().publicKey());
    }

    private RequestCopies copies(Map<String, String> settings) {
        return new RequestCopies(ProtocolPropertiesFixture.with(settings).rateLimit(), nanos::get);
    }
}
