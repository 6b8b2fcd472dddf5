package io.staticinvoice.admin;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Says what is wrong with a request body or parameter in the API's terms (a field, an integer, a
 * string), never in Java's: Jackson's own messages name classes ({@code java.lang.Integer},
 * {@code io.staticinvoice.admin.RegisterRecipientRequest}), which tell a caller nothing useful and
 * the world how the server is built.
 */
final class JsonErrors {

    private static final Set<Class<?>> INTEGERS = Set.of(Integer.class, int.class, Long.class, long.class,
            Short.class, short.class, Byte.class, byte.class, BigInteger.class);
    private static final Set<Class<?>> NUMBERS = Set.of(Double.class, double.class, Float.class, float.class,
            BigDecimal.class);

    private JsonErrors() {
    }

    /** The message for one JSON error, without class names. */
    static String describe(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof InvalidNullException) {
            return "must not be null";
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null && e.getCause().getMessage() != null) {
            return scrub(e.getCause().getMessage());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "invalid value; expected " + expected(mismatch.getTargetType());
        }
        if (e instanceof StreamReadException) {
            return "malformed JSON: " + scrub(e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        return "invalid value";
    }

    /** What a value of {@code type} looks like in JSON or in a query parameter. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-01-31T12:00:00Z";
        }
        if (INTEGERS.contains(type)) {
            return "an integer";
        }
        if (NUMBERS.contains(type)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** Drops the class names Jackson quotes in backticks or as {@code (class ...)}. */
    private static String scrub(String message) {
        return message.replaceAll("`[^`]*`", "the expected type").replaceAll("\\s*\\(class [^)]*\\)", "");
    }
}
