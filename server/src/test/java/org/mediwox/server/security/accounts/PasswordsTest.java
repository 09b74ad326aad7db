package org.mediwox.server.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void problem_needsTwelveCharacters_atMost128_notCommon_notTheEmail() {
        assertThat(Passwords.problem("correct horse battery", "a@example.org")).isEmpty();
        assertThat(Passwords.problem("ñandú ñandú 1", "a@example.org"))
                .as("any script, spaces")
                .isEmpty();
        assertThat(Passwords.problem("elevenchars", "a@example.org")).hasValue("register.error.password");
        assertThat(Passwords.problem("x".repeat(64) + "y".repeat(65), null)).hasValue("register.error.passwordLong");
        assertThat(Passwords.problem("Password1234", null)).hasValue("register.error.passwordCommon");
        assertThat(Passwords.problem("aaaaaaaaaaaaaa", null)).hasValue("register.error.passwordCommon");
        assertThat(Passwords.problem("Long.Name@Example.org", "long.name@example.org"))
                .hasValue("register.error.passwordCommon");
    }
}
