package org.mediwox.server.security.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogoutRedirectsTest {

    @Test
    void withoutLoopbackPort_dropsThePortOfLoopbackHttpOnly() {
        assertThat(LogoutRedirects.withoutLoopbackPort("http://127.0.0.1:8080/app/"))
                .isEqualTo("http://127.0.0.1/app/");
        assertThat(LogoutRedirects.withoutLoopbackPort("http://[::1]:5173/app/"))
                .isEqualTo("http://[::1]/app/");
        assertThat(LogoutRedirects.withoutLoopbackPort("http://localhost:8080/app/"))
                .isEqualTo("http://localhost:8080/app/");
        assertThat(LogoutRedirects.withoutLoopbackPort("https://clinic.example:8443/app/"))
                .isEqualTo("https://clinic.example:8443/app/");
        assertThat(LogoutRedirects.withoutLoopbackPort("http://127.0.0.1.evil.example:80/app/"))
                .isEqualTo("http://127.0.0.1.evil.example:80/app/");
    }
}
