package io.staticinvoice.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The domain errors an admin API operation can answer, documented by {@link AdminOpenApiConfiguration}
 * as problem+json responses with an example each. The security and limit errors (401 and 429 for
 * every operation under {@code /api/}, 403 and 413 for those that change something) are added
 * without being listed here.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface ProblemResponses {

    ProblemType[] value();
}
