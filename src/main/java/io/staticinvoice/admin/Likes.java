package io.staticinvoice.admin;

/** Escaping of user text inside a SQL LIKE pattern, so {@code %} and {@code _} match themselves. */
final class Likes {

    static final char ESCAPE = '\\';

    private Likes() {
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
