package io.staticinvoice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Docker image's JDK AOT cache usable (README "Docker image"): a stage on the runtime
 * image trains it with {@code bench/aot-train.sh}, the runtime stage copies the cache with the
 * class path it was trained on to the same paths, refuses to build unless the JVM takes it, and
 * starts the server with it. A cache from another JDK build or class path would be ignored
 * silently at every start, so this is checked here, where no Docker engine runs.
 */
class AotCacheImageTest {

    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path TRAINING_SCRIPT = Path.of("bench/aot-train.sh");
    private static final Pattern STAGE = Pattern.compile("^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAINING = Pattern.compile("APP_DIR=(/\\S+) bench/aot-train\\.sh");
    private static final Pattern COPY_FROM = Pattern.compile("^COPY --from=(\\S+) (.+) (\\S+)$", Pattern.MULTILINE);
    private static final Pattern ENTRYPOINT = Pattern.compile("^ENTRYPOINT \\[(.+)]$", Pattern.MULTILINE);

    private record Stage(String image, String name, String text) {
    }

    private final List<Stage> stages;
    private final String script;

    AotCacheImageTest() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE).replace("\\\n", " ");
        Matcher from = STAGE.matcher(dockerfile);
        List<Integer> starts = new ArrayList<>();
        List<String[]> heads = new ArrayList<>();
        while (from.find()) {
            starts.add(from.start());
            heads.add(new String[] {from.group(1), from.group(2)});
        }
        starts.add(dockerfile.length());
        List<Stage> parsed = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            parsed.add(new Stage(heads.get(i)[0], heads.get(i)[1], dockerfile.substring(starts.get(i), starts.get(i + 1))));
        }
        stages = List.copyOf(parsed);
        script = Files.readString(TRAINING_SCRIPT);
    }

    @Test
    void theCacheIsTrainedOnTheRuntimeImageAndUsedFromTheSamePaths() {
        Stage training = stages.stream().filter(stage -> TRAINING.matcher(stage.text()).find()).findFirst().orElseThrow(
                () -> new AssertionError("no Dockerfile stage runs APP_DIR=... bench/aot-train.sh"));
        Matcher trained = TRAINING.matcher(training.text());
        assertThat(trained.find()).isTrue();
        String app = trained.group(1);
        Stage runtime = stages.get(stages.size() - 1);

        assertThat(training.name()).as("the training stage is named, so that the runtime stage copies from it").isNotNull();
        assertThat(runtime.image()).as("the same JDK build trains and runs the cache").isEqualTo(training.image());
        List<String> copied = new ArrayList<>();
        Matcher copy = COPY_FROM.matcher(runtime.text());
        while (copy.find()) {
            assertThat(copy.group(1)).as("the runtime stage copies the application from the training stage")
                    .isEqualTo(training.name());
            copied.addAll(Arrays.asList(copy.group(2).trim().split("\\s+")));
        }
        assertThat(copied).as("the cache with the class path it was trained on")
                .containsExactlyInAnyOrder(app + "/lib", app + "/app.jar", app + "/app.aot");
        assertThat(runtime.text()).as("copied to the paths of the training run").contains("WORKDIR " + app + "\n");

        List<String> entrypoint = entrypoint(runtime);
        assertThat(entrypoint).as("ENTRYPOINT").startsWith("java").contains("-XX:AOTCache=" + app + "/app.aot");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()))
                .as("the extracted jar, the class path of the training run").containsExactly("-jar", app + "/app.jar");
        assertThat(runtime.text()).as("the build fails unless the JVM takes the cache")
                .contains("RUN java -XX:AOTMode=on -XX:AOTCache=" + app + "/app.aot -jar " + app + "/app.jar");
    }

    @Test
    void theTrainingScriptRecordsTheServerOfTheExtractedJarUnderLoad() {
        assertThat(script).as("the cache and the jar it belongs to")
                .contains("cache=\"$APP_DIR/app.aot\"")
                .contains("extract --destination \"$APP_DIR\"")
                .contains("SERVER_JAR=\"$APP_DIR/app.jar\"")
                .contains("-XX:AOTCacheOutput=$cache")
                .contains("bench/load.sh");
        assertThat(script).as("a run that wrote no cache fails the build").contains("if [[ ! -s \"$cache\" ]]");
    }

    private static List<String> entrypoint(Stage stage) {
        Matcher entrypoint = ENTRYPOINT.matcher(stage.text());
        assertThat(entrypoint.find()).as("ENTRYPOINT of the runtime stage").isTrue();
        return Arrays.stream(entrypoint.group(1).split(",")).map(String::trim)
                .map(item -> item.substring(1, item.length() - 1)).toList();
    }
}
