package io.staticinvoice.lightning.onion;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every blinded path value decoder fails on garbage only with {@link DecodeException}. */
class BlindedPathDecodersFuzzTest {

    @FunctionalInterface
    private interface Decoder {
        Object decode(ByteReader reader) throws DecodeException;
    }

    private static final List<Decoder> DECODERS = List.of(IntroductionNode::read, BlindedHop::read,
            BlindedPath::read, BlindedMessagePath::read, BlindedPayInfo::read, BlindedMessagePath::readAll);

    @Test
    void randomAndMutatedInputsOnlyEverThrowDecodeException() {
        BlindedPathGenerator generator = new BlindedPathGenerator(9);
        Random random = new Random(10);
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = generator.bytes(200);
            } else {
                ByteWriter writer = new ByteWriter();
                generator.path().write(writer);
                generator.payInfo().write(writer);
                input = writer.toByteArray();
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                input = Arrays.copyOf(input, random.nextInt(input.length + 1));
            }
            for (Decoder decoder : DECODERS) {
                try {
                    decoder.decode(new ByteReader(input));
                } catch (DecodeException expected) {
                    // the only failure allowed
                }
            }
        }
    }
}
