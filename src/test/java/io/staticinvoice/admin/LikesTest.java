package io.staticinvoice.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikesTest {

    @Test
    void escapesWildcardsAndTheEscapeCharacter() {
        assertThat(Likes.escape("100%_off\\now")).isEqualTo("100\\%\\_off\\\\now");
        assertThat(Likes.escape("plain")).isEqualTo("plain");
    }
}
