package org.mediwox.server.security.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorizationStoreTest {

    @Test
    void springsStatements_nameTheTableInMediwoxsSchema() {
        assertThat(AuthorizationStore.MediwoxSchema.qualified("UPDATE oauth2_authorization SET state = ? WHERE id = ?"))
                .isEqualTo("UPDATE mediwox.oauth2_authorization SET state = ? WHERE id = ?");
        assertThat(AuthorizationStore.MediwoxSchema.qualified("SELECT id FROM oauth2_authorization WHERE "))
                .isEqualTo("SELECT id FROM mediwox.oauth2_authorization WHERE ");
    }
}
