package io.staticinvoice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void refusesJavaOlderThan25WithOneClearSentence() {
        assertThat(Main.refusal(Runtime.Version.parse("17.0.15+6"), "/usr/lib/jvm/java-17"))
                .hasValueSatisfying(refusal -> assertThat(refusal)
                        .startsWith("The static invoice server needs Java 25 or newer, but this is Java 17.0.15+6 "
                                + "(/usr/lib/jvm/java-17).")
                        .contains("README \"Prerequisites\""));
        assertThat(Main.refusal(Runtime.Version.parse("24.0.2"), "/jdk24")).isPresent();
    }

    @Test
    void acceptsJava25AndNewer() {
        assertThat(Main.refusal(Runtime.Version.parse("25.0.3+9-LTS"), "/jdk")).isEmpty();
        assertThat(Main.refusal(Runtime.Version.parse("26"), "/jdk")).isEmpty();
        assertThat(Main.refusal(Runtime.version(), "this JVM")).as("the JVM that runs the tests").isEmpty();
    }
}
