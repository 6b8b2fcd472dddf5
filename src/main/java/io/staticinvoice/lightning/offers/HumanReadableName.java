package io.staticinvoice.lightning.offers;

import io.staticinvoice.lightning.codec.ByteReader;
import io.staticinvoice.lightning.codec.ByteWriter;
import io.staticinvoice.lightning.codec.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A BIP 353 human-readable name {@code user@domain} from which a payer resolved the offer
 * ({@code invreq_bip_353_name}, BOLT 12 "Invoice Requests"; rust-lightning
 * {@code HumanReadableName} in {@code lightning/src/onion_message/dns_resolution.rs}). Both parts
 * are non-empty, use only {@code 0-9 a-z A-Z - _ .}, and together fit in 231 bytes; encoded as
 * u8 length + user, u8 length + domain.
 */
public record HumanReadableName(String user, String domain) {

    /** The most bytes user and domain may have together (255 minus the DNS name overhead). */
    public static final int MAX_LENGTH = 231;

    public HumanReadableName {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(domain, "domain");
        String invalid = problem(user, domain);
        if (invalid != null) {
            throw new IllegalArgumentException(invalid);
        }
    }

    /** Reads a name, validating it as LDK does. */
    static HumanReadableName read(ByteReader reader) throws DecodeException {
        String user = new String(reader.bytes(reader.u8()), StandardCharsets.ISO_8859_1);
        String domain = new String(reader.bytes(reader.u8()), StandardCharsets.ISO_8859_1);
        String invalid = problem(user, domain);
        if (invalid != null) {
            throw new DecodeException(invalid);
        }
        return new HumanReadableName(user, domain);
    }

    /** Writes this name. */
    void write(ByteWriter writer) {
        writer.u8(user.length()).bytes(user.getBytes(StandardCharsets.US_ASCII));
        writer.u8(domain.length()).bytes(domain.getBytes(StandardCharsets.US_ASCII));
    }

    private static String problem(String user, String domain) {
        String bareDomain = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (user.isEmpty() || bareDomain.isEmpty()) {
            return "human-readable name has an empty user or domain";
        }
        if (user.length() + bareDomain.length() > MAX_LENGTH) {
            return "human-readable name longer than " + MAX_LENGTH + " bytes";
        }
        if (!isHostname(user) || !isHostname(domain)) {
            return "human-readable name has a character outside 0-9 a-z A-Z - _ .";
        }
        return null;
    }

    private static boolean isHostname(String part) {
        return part.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.'));
    }

    @Override
    public String toString() {
        return user + "@" + domain;
    }
}
