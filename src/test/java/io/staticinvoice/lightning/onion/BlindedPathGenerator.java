package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.crypto.PrivateKey;
import io.staticinvoice.lightning.crypto.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random, valid blinded paths for round-trip tests (keys are real curve points). */
public final class BlindedPathGenerator {

    private final Random random;

    public BlindedPathGenerator(long seed) {
        this.random = new Random(seed);
    }

    public PublicKey publicKey() {
        return PrivateKey.random().publicKey();
    }

    public IntroductionNode introductionNode() {
        return random.nextBoolean()
                ? new IntroductionNode.NodeId(publicKey())
                : new IntroductionNode.DirectedShortChannelId(
                        random.nextBoolean() ? IntroductionNode.Direction.NODE_ONE : IntroductionNode.Direction.NODE_TWO,
                        random.nextLong());
    }

    public BlindedPath path() {
        int hopCount = 1 + random.nextInt(4);
        List<BlindedHop> hops = new ArrayList<>();
        for (int i = 0; i < hopCount; i++) {
            byte[] payload = new byte[random.nextInt(120)];
            random.nextBytes(payload);
            hops.add(new BlindedHop(publicKey(), payload));
        }
        return new BlindedPath(introductionNode(), publicKey(), hops);
    }

    public BlindedMessagePath messagePath() {
        return new BlindedMessagePath(path());
    }

    public BlindedPayInfo payInfo() {
        byte[] features = new byte[random.nextInt(4)];
        random.nextBytes(features);
        return new BlindedPayInfo(random.nextInt() & 0xffff_ffffL, random.nextInt() & 0xffff_ffffL,
                random.nextInt(0x10000), random.nextLong(), random.nextLong(), features);
    }

    public BlindedPaymentPath paymentPath() {
        return new BlindedPaymentPath(path(), payInfo());
    }

    public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }
}
