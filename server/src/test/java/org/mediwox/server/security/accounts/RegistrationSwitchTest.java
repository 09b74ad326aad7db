package org.mediwox.server.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * {@code mediwox.accounts.registration}: on, the sign-in page offers "Create an account"; off, it does not, and the
 * registration page says that registration is closed (in the page's language) and leads back to the sign-in. The
 * shared test server runs with registration on, so the off case is checked here, on the controllers themselves.
 */
class RegistrationSwitchTest {

    private static final AccountProperties OPEN =
            new AccountProperties(true, Duration.ofHours(24), Duration.ofHours(1));
    private static final AccountProperties CLOSED =
            new AccountProperties(false, Duration.ofHours(24), Duration.ofHours(1));

    @Test
    void signInPage_offersRegistration_onlyWhenItIsOpen() {
        String open = new SignInPage(OPEN)
                .page(get("/login", "en"), new MockHttpServletResponse())
                .getBody();
        String closed = new SignInPage(CLOSED)
                .page(get("/login", "en"), new MockHttpServletResponse())
                .getBody();
        String closedSpanish = new SignInPage(CLOSED)
                .page(get("/login", "es"), new MockHttpServletResponse())
                .getBody();

        assertThat(open).contains("Create an account", "href=\"/register\"", "Forgot password?");
        assertThat(closed)
                .doesNotContain("Create an account", "href=\"/register\"")
                .contains("Forgot password?");
        assertThat(closedSpanish).doesNotContain("Crear una cuenta").contains("¿Olvidó su contraseña?");
    }

    @Test
    void registrationPages_whenClosed_sayItInThePagesLanguage_andLeadBackToSignIn() {
        AccountPages pages = new AccountPages(null, null, CLOSED);

        ResponseEntity<String> form = pages.registerPage(get("/register", "en"), new MockHttpServletResponse());
        ResponseEntity<String> spanish = pages.registerPage(get("/register", "es"), new MockHttpServletResponse());
        MockHttpServletRequest post = get("/register", "en");
        post.setMethod("POST");
        ResponseEntity<String> posted = pages.register(
                "x@example.org",
                "a long enough password",
                "Ana",
                "García",
                "1980-01-01",
                "",
                post,
                new MockHttpServletResponse());

        assertThat(form.getStatusCode().value()).isEqualTo(404);
        assertThat(form.getBody())
                .contains("role=\"alert\"", "Registration is closed here", "href=\"/login\"")
                .doesNotContain("name=\"password\"");
        assertThat(spanish.getBody()).contains("El registro está cerrado aquí", "Volver a iniciar sesión");
        assertThat(posted.getStatusCode().value())
                .as("nothing registered: no Registration was given")
                .isEqualTo(404);
        assertThat(posted.getBody()).contains("Registration is closed here");
    }

    private static MockHttpServletRequest get(String path, String language) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.addHeader("Accept-Language", language);
        return request;
    }
}
