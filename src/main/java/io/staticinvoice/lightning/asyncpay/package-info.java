/**
 * LDK 0.2's async-payments onion messages ({@code lightning/src/onion_message/async_payments.rs}) as one
 * sealed family, {@link io.staticinvoice.lightning.asyncpay.AsyncPaymentsMessage}: decode the message TLV of a
 * received {@code onionmsg_tlv} with {@link io.staticinvoice.lightning.asyncpay.AsyncPaymentsMessage#decode},
 * and send one with {@link io.staticinvoice.lightning.asyncpay.AsyncPaymentsMessage#toRecord}.
 */
package io.staticinvoice.lightning.asyncpay;
