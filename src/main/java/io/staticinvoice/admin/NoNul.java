package io.staticinvoice.admin;

/**
 * The rule for free text the API stores or searches (labels, revocation reasons): any character
 * but NUL (U+0000), which PostgreSQL's text cannot hold. Used as a {@code @Pattern}.
 */
final class NoNul {

    static final String PATTERN = "[^\\x00]*";
    static final String MESSAGE = "must not contain the NUL character (U+0000)";

    private NoNul() {
    }
}
