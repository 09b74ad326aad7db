package org.mediwox.server.documents;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class ContentPolicyTest {

    private final ContentPolicy policy = new ContentPolicy(
            DataSize.ofMegabytes(10), List.of("application/pdf", "image/*", "text/plain", "application/fhir+json"));

    @Test
    void acceptsAllowedTypes_ignoringCaseAndParameters() {
        assertThatCode(() -> policy.check("Binary", "Application/PDF", 10)).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("Binary", "image/png", 10)).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("Binary", "text/plain; charset=utf-8", 10))
                .doesNotThrowAnyException();
        assertThatCode(() -> policy.check("Binary", "application/fhir+json", 10))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesOtherTypes_andMissingTypes_with415() {
        assertThatThrownBy(() -> policy.check("Binary", "application/zip", 10))
                .isInstanceOfSatisfying(
                        BaseServerResponseException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.getStatusCode())
                                .isEqualTo(415))
                .hasMessageContaining("application/zip")
                .hasMessageContaining("allowed types: application/pdf, image/*");
        assertThatThrownBy(() -> policy.check("Binary", "imagex/png", 10)).hasMessageContaining("imagex/png");
        assertThatThrownBy(() -> policy.check("Binary", null, 10)).hasMessageContaining("no contentType");
    }

    @Test
    void refusesContentBeyondTheLimit_with413() {
        long limit = DataSize.ofMegabytes(10).toBytes();
        assertThatCode(() -> policy.check("Binary", "application/pdf", limit)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("Binary", "application/pdf", limit + 1))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("at most " + limit + " bytes");
    }
}
