/**
 * How a failed start is told: Spring Boot {@code FailureAnalyzer}s (listed in
 * {@code META-INF/spring.factories}) that turn each start failure an operator can fix (node key,
 * Lightning port, database connection, a database that belongs to another node) into one
 * sentence saying what is wrong and one saying what to do, instead of a stack trace.
 */
package io.staticinvoice.startup;
