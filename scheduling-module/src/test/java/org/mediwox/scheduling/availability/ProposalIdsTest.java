package org.mediwox.scheduling.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A proposal's id names its Slot and patient, is a valid FHIR id, and is only read back when this key signed it. */
class ProposalIdsTest {

    private final ProposalIds ids = withKey((byte) 1);

    @Test
    void anId_isAValidFhirId_andReadsBackAsItsSlotAndPatient() {
        String id = ids.idOf(new ProposalIds.Proposal("1234", "567")).orElseThrow();

        assertThat(id).matches("[A-Za-z0-9\\-.]{1,64}").startsWith("proposal-");
        assertThat(ids.read(id)).contains(new ProposalIds.Proposal("1234", "567"));
        assertThat(ids.read(ids.idOf(new ProposalIds.Proposal("slot-with-dashes", null))
                        .orElseThrow()))
                .contains(new ProposalIds.Proposal("slot-with-dashes", null));
    }

    @Test
    void aChangedSlotOrSignature_orAnotherInstallationsId_isNotRead() {
        String id = ids.idOf(new ProposalIds.Proposal("1234", "567")).orElseThrow();
        String otherSlot = ids.idOf(new ProposalIds.Proposal("1235", "567")).orElseThrow();
        String forgedPayload = otherSlot.substring(0, otherSlot.lastIndexOf('-')) + id.substring(id.lastIndexOf('-'));
        char last = id.charAt(id.length() - 1);
        String forgedSignature = id.substring(0, id.length() - 1) + (last == '0' ? '1' : '0');

        assertThat(ids.read(forgedPayload)).isEmpty();
        assertThat(ids.read(forgedSignature)).isEmpty();
        assertThat(withKey((byte) 2).read(id)).isEmpty();
        assertThat(ids.read("proposal-")).isEmpty();
        assertThat(ids.read("123")).isEmpty();
    }

    @Test
    void idsTooLongForAFhirId_areNotMade() {
        assertThat(ids.idOf(new ProposalIds.Proposal("s".repeat(40), "p"))).isEmpty();
    }

    private static ProposalIds withKey(byte fill) {
        JdbcTemplate jdbc = mock(JdbcTemplate.class);
        byte[] key = new byte[32];
        Arrays.fill(key, fill);
        when(jdbc.update(anyString(), any(Object[].class))).thenReturn(0);
        when(jdbc.queryForObject(anyString(), eq(byte[].class))).thenReturn(key);
        return new ProposalIds(jdbc);
    }
}
