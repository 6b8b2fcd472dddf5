package io.staticinvoice.admin;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jazzer target for the admin API's JSON request bodies, read as the controllers read them
 * (Jackson with unknown fields and fractions-for-integers refused, then bean validation, then the
 * conversion to a service command): a body either fails with a {@link JacksonException} whose
 * message for the caller names no Java class (an unknown field is named as the caller spelt it),
 * or fails validation, or converts without error.
 */
class AdminJsonFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final Pattern CLASS_NAME = Pattern.compile("java\\.|io\\.staticinvoice|`");

    @FuzzTest
    void requestBodies(byte[] input) {
        RegisterRecipientRequest register = read(input, RegisterRecipientRequest.class);
        if (register != null && VALIDATOR.validate(register).isEmpty()) {
            register.toCommand();
        }
        UpdateRecipientRequest update = read(input, UpdateRecipientRequest.class);
        if (update != null && VALIDATOR.validate(update).isEmpty()) {
            update.toCommand();
        }
        RevokeInvoiceRequest revoke = read(input, RevokeInvoiceRequest.class);
        if (revoke != null) {
            VALIDATOR.validate(revoke);
        }
    }

    private static <T> T read(byte[] input, Class<T> type) {
        try {
            return JSON.readValue(input, type);
        } catch (JacksonException e) {
            String message = JsonErrors.describe(e);
            if (e instanceof UnrecognizedPropertyException unknown) {
                message = message.replace(unknown.getPropertyName(), "");
            }
            if (CLASS_NAME.matcher(message).find()) {
                throw new AssertionError("JSON error message names a class: " + message, e);
            }
            return null;
        }
    }
}
