package io.staticinvoice.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.staticinvoice.lightning.codec.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The short bounded fuzzing run of {@code ./mvnw verify}: every Jazzer {@link FuzzTest} target in
 * the test classes named {@code *FuzzTest} gets {@value #MUTATIONS} inputs mutated from its seed
 * corpus ({@code <Test>Inputs/<target>/}) with a fixed random seed: bit flips, byte changes,
 * insertions, deletions, repeats, boundary values and splices of two seeds. Deterministic and
 * without instrumentation, so it costs seconds on a loaded 2-core machine where a Jazzer process
 * per target would take minutes; the coverage-guided run is {@code JAZZER_FUZZ=1} (README,
 * "Fuzzing"). A failure prints the input as hex, to be committed as a seed once fixed.
 */
class SeedMutationTest {

    static final int MUTATIONS = 1500;

    private static final byte[] BOUNDARIES = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xfc, (byte) 0xfd, (byte) 0xfe,
        (byte) 0xff};

    @TestFactory
    Stream<DynamicTest> everyFuzzTargetSurvivesMutationsOfItsSeeds() throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<Method> targets = new ArrayList<>();
        for (Resource resource : resolver.getResources("classpath*:io/staticinvoice/**/*FuzzTest.class")) {
            String path = resource.getURL().getPath();
            String name = path.substring(path.lastIndexOf("io/staticinvoice/"), path.length() - ".class".length())
                    .replace('/', '.');
            try {
                Arrays.stream(Class.forName(name).getDeclaredMethods())
                        .filter(method -> method.isAnnotationPresent(FuzzTest.class))
                        .forEach(targets::add);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        targets.sort(Comparator.comparing(method -> method.getDeclaringClass().getName() + "#" + method.getName()));
        assertThat(targets).as("fuzz targets found").hasSizeGreaterThan(15);
        return targets.stream().map(target -> DynamicTest.dynamicTest(
                target.getDeclaringClass().getSimpleName() + "#" + target.getName(), () -> mutate(target, resolver)));
    }

    private static void mutate(Method target, PathMatchingResourcePatternResolver resolver) throws Exception {
        String directory = target.getDeclaringClass().getName().replace('.', '/') + "Inputs/" + target.getName();
        List<byte[]> seeds = new ArrayList<>();
        for (Resource seed : resolver.getResources("classpath*:" + directory + "/*")) {
            try (InputStream in = seed.getInputStream()) {
                seeds.add(in.readAllBytes());
            }
        }
        assertThat(seeds).as("seed corpus %s", directory).isNotEmpty();
        Constructor<?> constructor = target.getDeclaringClass().getDeclaredConstructor();
        constructor.setAccessible(true);
        target.setAccessible(true);
        Object instance = constructor.newInstance();
        Random random = new Random(directory.hashCode());
        for (int i = 0; i < MUTATIONS; i++) {
            byte[] input = seeds.get(random.nextInt(seeds.size()));
            int rounds = 1 + random.nextInt(4);
            for (int round = 0; round < rounds; round++) {
                input = mutateOnce(input, seeds, random);
            }
            try {
                target.invoke(instance, (Object) input);
            } catch (InvocationTargetException e) {
                throw new AssertionError(target.getName() + " failed on input " + Hex.encode(input), e.getCause());
            }
        }
    }

    private static byte[] mutateOnce(byte[] input, List<byte[]> seeds, Random random) {
        int length = input.length;
        int at = length == 0 ? 0 : random.nextInt(length);
        byte[] out;
        switch (random.nextInt(8)) {
            case 0 -> {
                out = input.clone();
                if (length > 0) {
                    out[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                out = input.clone();
                if (length > 0) {
                    out[at] = BOUNDARIES[random.nextInt(BOUNDARIES.length)];
                }
            }
            case 2 -> {
                byte[] inserted = new byte[1 + random.nextInt(8)];
                random.nextBytes(inserted);
                out = splice(input, at, 0, inserted);
            }
            case 3 -> out = splice(input, at, Math.min(length - at, 1 + random.nextInt(16)), new byte[0]);
            case 4 -> out = Arrays.copyOf(input, length == 0 ? 0 : random.nextInt(length));
            case 5 -> {
                int span = Math.min(length - at, 1 + random.nextInt(8));
                out = splice(input, at, 0, Arrays.copyOfRange(input, at, at + span));
            }
            case 6 -> {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                out = splice(Arrays.copyOf(input, at), at, 0, Arrays.copyOfRange(other, from, other.length));
            }
            default -> {
                out = input.clone();
                for (int k = 0; k < 1 + random.nextInt(4) && length > 0; k++) {
                    out[random.nextInt(length)] = (byte) random.nextInt(256);
                }
            }
        }
        return out;
    }

    private static byte[] splice(byte[] input, int at, int removed, byte[] inserted) {
        byte[] out = new byte[input.length - removed + inserted.length];
        System.arraycopy(input, 0, out, 0, at);
        System.arraycopy(inserted, 0, out, at, inserted.length);
        System.arraycopy(input, at + removed, out, at + inserted.length, input.length - at - removed);
        return out;
    }
}
