package org.mediwox.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.mediwox.server.audit.AuditTrail;
import org.mockito.Mockito;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The rules behind the rate limit filters and the lockout, without a server. */
class RateLimitRulesTest {

    @Test
    void aBucket_letsTheBurstThrough_thenSaysHowLongToWait_perKey() {
        KeyedLimit limit = new KeyedLimit(3, Duration.ofMinutes(1));

        for (int i = 0; i < 3; i++) {
            assertThat(limit.tryTake("a")).isEmpty();
        }
        assertThat(limit.tryTake("a"))
                .hasValueSatisfying(wait -> assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(20)));
        assertThat(limit.tryTake("b")).as("another key has its own bucket").isEmpty();
    }

    @Test
    void retryAfter_isWholeSecondsRoundedUp_atLeastOne() {
        assertThat(KeyedLimit.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(KeyedLimit.retryAfterSeconds(Duration.ofMillis(19_001))).isEqualTo(20);
        assertThat(KeyedLimit.retryAfterSeconds(Duration.ofSeconds(20))).isEqualTo(20);
    }

    @Test
    void lockout_startsAtTheThreshold_doublesPerFailure_andIsCapped() {
        RateLimitProperties.Lockout lockout =
                new RateLimitProperties.Lockout(5, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24));

        assertThat(lockout.lockAfter(4)).isZero();
        assertThat(lockout.lockAfter(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(lockout.lockAfter(6)).isEqualTo(Duration.ofMinutes(2));
        assertThat(lockout.lockAfter(8)).isEqualTo(Duration.ofMinutes(8));
        assertThat(lockout.lockAfter(12)).isEqualTo(Duration.ofHours(1));
        assertThat(lockout.lockAfter(1_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void tokenRequests_countPerAuthenticatingClient_perPublicClientAndAddress_elsePerAddress() {
        MockHttpServletRequest basic = tokenRequest();
        basic.addHeader(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString("back%2Doffice:secret".getBytes(StandardCharsets.UTF_8)));
        MockHttpServletRequest publicApp = tokenRequest();
        publicApp.addParameter("client_id", "mediwox-patient-app");
        MockHttpServletRequest nobody = tokenRequest();

        assertThat(SignInRateLimitFilter.tokenClient(basic)).isEqualTo("client:back-office");
        assertThat(SignInRateLimitFilter.tokenClient(publicApp)).isEqualTo("public:mediwox-patient-app@203.0.113.7");
        assertThat(SignInRateLimitFilter.tokenClient(nobody)).isEqualTo("ip:203.0.113.7");
    }

    @Test
    void signInFormOverItsLimit_is429_withAPageInThePagesLanguage() throws Exception {
        SignInRateLimitFilter filter = new SignInRateLimitFilter(
                new KeyedLimit(1, Duration.ofHours(1)),
                new KeyedLimit(1, Duration.ofHours(1)),
                new KeyedLimit(1, Duration.ofHours(1)),
                Mockito.mock(AuditTrail.class));

        MockHttpServletResponse spanish = postTwice(filter, "/login", "198.51.100.1", "es-MX,es;q=0.9");
        MockHttpServletResponse english = postTwice(filter, "/register", "198.51.100.2", "en-GB");

        assertThat(spanish.getStatus()).isEqualTo(429);
        assertThat(spanish.getHeader("Retry-After")).matches("\\d+");
        assertThat(spanish.getHeader("Content-Language")).isEqualTo("es");
        assertThat(spanish.getContentType()).startsWith("text/html");
        assertThat(spanish.getContentAsString())
                .contains("<html lang=\"es\">", "Demasiados intentos de acceso", "Espere ")
                .contains("href=\"/login\">Volver a iniciar sesión")
                .doesNotContain("Too many");
        assertThat(english.getStatus()).isEqualTo(429);
        assertThat(english.getContentAsString())
                .contains("<html lang=\"en\">", "Too many sign-in attempts", "Please wait ")
                .contains("href=\"/login\">Back to sign in");
    }

    /** Two form posts from one address: the first spends the budget of 1, the second is refused. */
    private static MockHttpServletResponse postTwice(
            SignInRateLimitFilter filter, String path, String address, String language) throws Exception {
        MockHttpServletResponse response = null;
        for (int i = 0; i < 2; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
            request.setRemoteAddr(address);
            request.addHeader("Accept-Language", language);
            response = new MockHttpServletResponse();
            response.setCharacterEncoding("UTF-8");
            filter.doFilter(request, response, new MockFilterChain());
        }
        return response;
    }

    private static MockHttpServletRequest tokenRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/token");
        request.setRemoteAddr("203.0.113.7");
        return request;
    }
}
