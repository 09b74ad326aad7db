package org.mediwox.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;

/**
 * The lockout of the built-in server's login form, over HTTP: five failures in a row lock a user name — the right
 * password is refused then with the same "paused" message as a wrong one, and an unknown name locks and answers exactly
 * alike — and a successful sign-in starts the count over. (Demo users nobody else signs in as: a lock lasts a minute.)
 */
class LoginLockoutIT extends ServerIT {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Test
    void fiveFailures_lockTheName_evenForTheRightPassword_andAnUnknownNameLocksAlike() throws Exception {
        String user = "maria.lopez@example.org";
        String unknown = "nobody-" + UUID.randomUUID() + "@example.org";
        for (int i = 1; i <= 5; i++) {
            assertThat(signIn(user, "wrong-" + i).location()).endsWith("/login?error=credentials");
            assertThat(signIn(unknown, "wrong-" + i).location()).endsWith("/login?error=credentials");
        }

        SignIn locked = signIn(user, SmartLogin.DEMO_PASSWORD);
        SignIn lockedUnknown = signIn(unknown, SmartLogin.DEMO_PASSWORD);

        assertThat(locked.location()).as("the right password, while locked").endsWith("/login?error=locked");
        assertThat(lockedUnknown.location()).endsWith("/login?error=locked");
        String wrongPassword =
                signIn("hannah.weber@clinic.example.org", "wrong").errorPage();
        assertThat(locked.errorPage())
                .as("the form says the name is paused, not whether the password was right")
                .contains("Too many failed attempts")
                .isNotEqualTo(wrongPassword);
        assertThat(lockedUnknown.errorPage())
                .as("an attacker cannot tell a locked user from a name that does not exist")
                .isEqualTo(locked.errorPage());
    }

    @Test
    void aSuccessfulSignIn_startsTheCountOver() throws Exception {
        String user = "kenji.watanabe@clinic.example.org";
        for (int i = 1; i <= 4; i++) {
            assertThat(signIn(user, "wrong-" + i).location()).endsWith("/login?error=credentials");
        }
        assertThat(signIn(user, SmartLogin.DEMO_PASSWORD).location())
                .as("four failures do not lock")
                .doesNotContain("error");
        for (int i = 1; i <= 4; i++) {
            assertThat(signIn(user, "wrong-again-" + i).location()).endsWith("/login?error=credentials");
        }

        assertThat(signIn(user, SmartLogin.DEMO_PASSWORD).location())
                .as("eight failures, but never five in a row")
                .doesNotContain("error");
    }

    /** One sign-in as a browser does it: the login page (session, CSRF token), the form post, the page it leads to. */
    private SignIn signIn(String username, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create(serverRoot() + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        HttpResponse<String> posted = browser.send(
                HttpRequest.newBuilder(URI.create(serverRoot() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(302);
        String location = posted.headers().firstValue("Location").orElse("");
        String errorPage = "";
        if (location.contains("/login?error=")) {
            String body = browser.send(
                            HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            // the message shown, without the per-session CSRF token
            Matcher alert =
                    Pattern.compile("<div class=\"alert[^>]*>([^<]*)</div>").matcher(body);
            errorPage = alert.find() ? alert.group(1) : body;
        }
        return new SignIn(location, errorPage);
    }

    private record SignIn(String location, String errorPage) {}
}
