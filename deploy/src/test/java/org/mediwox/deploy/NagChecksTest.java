package org.mediwox.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mediwox.deploy.nag.Waiver;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AWS Solutions and HIPAA Security packs find nothing that is not waived, in both shapes of the stack, and
 * every waiver is used and carries its reason into the template.
 */
class NagChecksTest {

    @Test
    void standardStack_hasNoUnwaivedAwsSolutionsOrHipaaFinding() {
        assertThat(findings(Synthesized.standard())).isEmpty();
    }

    @Test
    void variantStack_hasNoUnwaivedAwsSolutionsOrHipaaFinding() {
        assertThat(findings(Synthesized.variant())).isEmpty();
    }

    @Test
    void everyWaiver_isAppliedSomewhere_withItsReason() {
        // given
        String template = Synthesized.standard().json.toString()
                + Synthesized.variant().json.toString();

        // then
        for (Waiver waiver : Waiver.values()) {
            assertThat(template)
                    .as("waiver %s applied to some resource", waiver)
                    .containsPattern(Pattern.quote("{reason=" + waiver.reason() + ", id=" + waiver.rule()) + "[,}]");
        }
    }

    private static List<String> findings(Synthesized s) {
        Set<String> found = new TreeSet<>();
        for (String pack : List.of("AwsSolutions-.*", "HIPAA\\.Security-.*")) {
            for (SynthesisMessage message : s.annotations.findError("*", Match.stringLikeRegexp(pack))) {
                found.add(message.getId() + " " + message.getEntry().getData());
            }
        }
        return List.copyOf(found);
    }
}
