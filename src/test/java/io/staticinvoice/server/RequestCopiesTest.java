package io.staticinvoice.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.staticinvoice.config.ProtocolPropertiesFixture;
import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import io.staticinvoice.server.RequestCopies.Admission;
import io.staticinvoice.server.RequestCopies.Connection;
import io.staticinvoice.lightning.wire.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
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
        assertThatThrownBy(() -> copies.admit(request, replyPath(), Optional::empty, () -> {
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

    @Test
    void aCopyOverTheConnectionAnEarlierAnswerWentBackOverIsNotAnsweredAgain() {
        byte[] request = {1, 2, 3};
        Connection payer = connection();

        assertThat(admit(request, replyPath(), payer)).isEqualTo(Admission.FIRST);
        copies.answering(request, payer);
        assertThat(admit(request, replyPath(), payer)).as("new reply path, same connection back").isEqualTo(Admission.ANSWERED);
        assertThat(admit(request, replyPath(), new Connection(payer.node(), payer.since().plusMillis(1))))
                .as("the payer reconnected").isEqualTo(Admission.COPY);
        assertThat(admit(request, replyPath(), connection())).as("another connection").isEqualTo(Admission.COPY);
        assertThat(tokens).hasValue(1);

        byte[] another = {4, 5, 6};
        admit(another, replyPath(), payer);
        copies.answering(another, payer);
        assertThat(admit(another, replyPath())).as("a reply path leading elsewhere").isEqualTo(Admission.COPY);
    }

    @Test
    void aCopyIsAnsweredAfterAllWhenTheEarlierAnswerOverItsConnectionWasNotWritten() {
        byte[] request = {1, 2, 3};
        Connection payer = connection();
        admit(request, replyPath(), payer);
        copies.answering(request, payer);

        copies.answerFailed(request, payer);

        assertThat(admit(request, replyPath(), payer)).isEqualTo(Admission.COPY);
        copies.answering(request, payer);
        assertThat(admit(request, replyPath(), payer)).isEqualTo(Admission.ANSWERED);
    }

    @Test
    void aCopyComingBeforeAnyAnswerIsAnswered() {
        byte[] request = {1, 2, 3};
        Connection payer = connection();
        admit(request, replyPath(), payer);

        assertThat(admit(request, replyPath(), payer)).as("the first copy was not answered (yet)").isEqualTo(Admission.COPY);
    }

    @Test
    void theConnectionBackIsAskedOnlyForCopies() {
        byte[] request = {1, 2, 3};
        AtomicInteger asked = new AtomicInteger();
        Supplier<Optional<Connection>> back = () -> {
            asked.incrementAndGet();
            return Optional.of(connection());
        };
        assertThatThrownBy(() -> copies.admit(request, replyPath(), back, () -> {
            throw new MessageDropped("rate_limited", "test");
        })).isInstanceOf(MessageDropped.class);
        assertThat(asked).as("for a refused request").hasValue(0);

        copies.admit(request, replyPath(), back, tokens::incrementAndGet);
        assertThat(asked).as("for a first copy").hasValue(0);
        copies.admit(request, replyPath(), back, tokens::incrementAndGet);
        assertThat(asked).as("for a copy").hasValue(1);
    }

    private Admission admit(byte[] request, Optional<PublicKey> replyPath) {
        return copies.admit(request, replyPath, Optional::empty, tokens::incrementAndGet);
    }

    private Admission admit(byte[] request, Optional<PublicKey> replyPath, Connection back) {
        return copies.admit(request, replyPath, () -> Optional.of(back), tokens::incrementAndGet);
    }

    private static Connection connection() {
        return new Connection(new NodeId(PrivateKey.random().publicKey()), Instant.parse("2026-12-05T12:00:00Z"));
    }

    private static Optional<PublicKey> replyPath() {
        return Optional.of(PrivateKey.random().publicKey());
    }

    private RequestCopies copies(Map<String, String> settings) {
        return new RequestCopies(ProtocolPropertiesFixture.with(settings).rateLimit(), nanos::get);
    }
}
