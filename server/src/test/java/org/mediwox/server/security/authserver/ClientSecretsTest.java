package org.mediwox.server.security.authserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class ClientSecretsTest {

    private final PasswordEncoder springDefault = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void aPlainSecret_isKeptAsABcryptHashThatMatchesIt() {
        String stored = ClientSecrets.hashed("s3cret");

        assertThat(stored).startsWith("{bcrypt}$2").doesNotContain("s3cret");
        assertThat(springDefault.matches("s3cret", stored)).isTrue();
        assertThat(springDefault.matches("other", stored)).isFalse();
    }

    @Test
    void aSecretConfiguredAsABcryptHash_isTakenAsItIs() {
        String hash = "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().encode("x");

        assertThat(ClientSecrets.hashed(hash)).isEqualTo(hash);
        assertThat(springDefault.matches("x", ClientSecrets.hashed(hash))).isTrue();
    }

    @Test
    void aNoopSecret_isHashedWithoutItsPrefix() {
        String stored = ClientSecrets.hashed("{noop}s3cret");

        assertThat(stored).startsWith("{bcrypt}");
        assertThat(springDefault.matches("s3cret", stored)).isTrue();
    }

    @Test
    void aMalformedBcryptSecret_failsStartUp() {
        assertThatThrownBy(() -> ClientSecrets.hashed("{bcrypt}not-a-hash"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bcrypt hash");
    }
}
