package io.staticinvoice.lightning.offers;

/**
 * How many items one invoice may cover ({@code offer_quantity_max}, BOLT 12 "Offers";
 * rust-lightning's {@code Quantity} in {@code lightning/src/offers/offer.rs}): exactly one when the
 * field is absent, unbounded when it is 0, else at most its value.
 */
public sealed interface Quantity permits Quantity.One, Quantity.Unbounded, Quantity.Bounded {

    /** Whether an invoice request must state {@code invreq_quantity}. */
    boolean expectsQuantity();

    /** Whether {@code quantity} (read as unsigned) is allowed. */
    boolean isValid(long quantity);

    /** Field absent: a single item, and invoice requests carry no quantity. */
    record One() implements Quantity {

        @Override
        public boolean expectsQuantity() {
            return false;
        }

        @Override
        public boolean isValid(long quantity) {
            return quantity == 1;
        }
    }

    /** {@code offer_quantity_max} = 0: any positive quantity. */
    record Unbounded() implements Quantity {

        @Override
        public boolean expectsQuantity() {
            return true;
        }

        @Override
        public boolean isValid(long quantity) {
            return quantity != 0;
        }
    }

    /** {@code offer_quantity_max} = {@code max} (unsigned, positive): 1..max items. */
    record Bounded(long max) implements Quantity {

        public Bounded {
            if (max == 0) {
                throw new IllegalArgumentException("a bounded quantity is positive; 0 means unbounded");
            }
        }

        @Override
        public boolean expectsQuantity() {
            return true;
        }

        @Override
        public boolean isValid(long quantity) {
            return quantity != 0 && Long.compareUnsigned(quantity, max) <= 0;
        }
    }
}
