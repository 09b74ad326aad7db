package org.mediwox.server.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.NodeScript;
import org.mediwox.server.support.ServerIT;

/**
 * The sign-in pages the built-in server serves itself: in the browser's language (English or Spanish), switched with a
 * link that a cookie remembers, and accessible — {@code src/test/smart-app-launch/sign-in-pages.mjs} runs axe-core on
 * each in headless Chromium at phone and desktop size and measures every target: sign-in, registration, a new
 * confirmation link, the forgotten password and a reset link that does not work.
 */
class SignInPagesIT extends ServerIT {

    @Test
    void signInPage_speaksTheBrowsersLanguage_andTheChosenOneAfterASwitch() {
        HttpResponse<String> english = send(anonymousRequest("/login").header("Accept-Language", "en-GB,en;q=0.8"));
        HttpResponse<String> spanish = send(anonymousRequest("/login").header("Accept-Language", "es-MX,es;q=0.9"));

        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body())
                .contains("<html lang=\"en\">", "Mediwox", "<label for=\"f-username\">Email", "Password")
                .contains("Show password", "Forgot password?", "Create an account")
                .contains("autocomplete=\"username\"", "name=\"_csrf\"");
        assertThat(english.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(spanish.body())
                .contains("<html lang=\"es\">", "Correo electrónico", "Contraseña", "Mostrar contraseña")
                .contains("¿Olvidó su contraseña?", "Crear una cuenta");

        // the switch: English chosen on a Spanish browser, then kept by the cookie
        HttpResponse<String> switched = send(anonymousRequest("/login?lang=en").header("Accept-Language", "es"));
        String cookie = switched.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("mediwox_lang=en").contains("HttpOnly");
        assertThat(switched.body()).contains("<html lang=\"en\">");
        HttpResponse<String> next = send(anonymousRequest("/login")
                .header("Accept-Language", "es")
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))));
        assertThat(next.body()).contains("<html lang=\"en\">");
    }

    @Test
    void signInPage_wordsEachFailure_inBothLanguages() {
        assertThat(send(anonymousRequest("/login?error=credentials")).body())
                .contains("role=\"alert\"", "That email and password do not match", "aria-invalid=\"true\"");
        assertThat(send(anonymousRequest("/login?error=locked&lang=es")).body())
                .contains("Demasiados intentos fallidos");
        assertThat(send(anonymousRequest("/login?error=unverified")).body())
                .contains("Confirm your email address first", "Send the link again");
        assertThat(send(anonymousRequest("/login?error=%3Cscript%3E")).body())
                .as("an unknown code is a wrong password, never echoed")
                .contains("That email and password do not match")
                .doesNotContain("<script>alert");
    }

    @Test
    void signInPages_haveNoAccessibilityViolations_andLargeTargets() throws Exception {
        NodeScript.requireChromium();
        Path script = Path.of("src", "test", "smart-app-launch");
        assertThat(script.resolve("node_modules/axe-core")).as("npm ci ran").exists();

        JsonNode result = NodeScript.run(
                script,
                Map.of(),
                Duration.ofMinutes(3),
                NodeScript.node(),
                "sign-in-pages.mjs",
                serverRoot(),
                "/login",
                "/login?error=credentials",
                "/login?error=unverified",
                "/register",
                "/register/resend",
                "/forgot-password",
                "/reset-password?token=no-such-link");

        assertThat(result.get("problems")).as(result.toString()).isEmpty();
        assertThat(result.get("checked")).hasSize(7 * 4);
    }
}
