package io.staticinvoice.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    @Test
    void typesAreDistinctUrisUnderOneBase() {
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::type).distinct())
                .hasSize(ProblemType.values().length)
                .allSatisfy(type -> assertThat(type.toString()).startsWith("https://staticinvoice.io/problems/"));
        assertThat(ProblemType.INVALID_TRANSITION.slug()).isEqualTo("invalid-transition");
    }

    @Test
    void frameworkErrorsAreTypedByStatusButNeverAsDomainConflicts() {
        assertThat(ProblemType.forFrameworkStatus(400)).contains(ProblemType.VALIDATION_FAILED);
        assertThat(ProblemType.forFrameworkStatus(404)).contains(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forFrameworkStatus(415)).contains(ProblemType.UNSUPPORTED_MEDIA_TYPE);
        assertThat(ProblemType.forFrameworkStatus(500)).contains(ProblemType.INTERNAL_ERROR);
        assertThat(ProblemType.forFrameworkStatus(409)).isEmpty();
        assertThat(ProblemType.forFrameworkStatus(503)).isEmpty();
    }
}
