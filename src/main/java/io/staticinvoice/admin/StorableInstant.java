package io.staticinvoice.admin;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

/**
 * An instant within the years 0001 to 9999: what ISO-8601 writes without expansion and what
 * PostgreSQL's timestamps hold. Java parses instants a billion years away, which the database
 * then refuses; a filter such as {@code expiringBefore=+999999999-01-01T00:00:00Z} is a 400, not
 * a database error. Null is valid (the filter is left out).
 */
@Documented
@Constraint(validatedBy = StorableInstant.Validator.class)
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@interface StorableInstant {

    Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    String message() default "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the range. */
    final class Validator implements ConstraintValidator<StorableInstant, Instant> {

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || (!value.isBefore(MIN) && !value.isAfter(MAX));
        }
    }
}
