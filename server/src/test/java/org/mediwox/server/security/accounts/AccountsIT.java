package org.mediwox.server.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;
import org.awaitility.Awaitility;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.mediwox.server.support.Browser;
import org.mediwox.server.support.NodeScript;
import org.mediwox.server.support.ServerIT;
import org.mediwox.server.support.SmartLogin;
import org.mediwox.server.support.Tokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Patient accounts over HTTP, as a patient's browser and app use them: registration linked to the clinic's Patient or
 * making a new one, the e-mail link required before the first sign-in (read from the notification outbox, where the
 * notification module recorded the e-mail), the password reset (the same answer for an unknown address; the old
 * password refused, the new one taken, the account's refresh tokens revoked), the second factor, and RP-Initiated
 * Logout ending the server session.
 */
class AccountsIT extends ServerIT {

    private static final String SCOPE = "openid fhirUser launch/patient patient/Patient.read offline_access";
    private static final String PASSWORD = "correct horse battery";
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void registration_linksToTheClinicsPatient_andSignInWaitsForTheEmailLink() {
        String family = "Okonkwo-" + UUID.randomUUID().toString().substring(0, 8);
        String mrn = "MRN-" + UUID.randomUUID();
        String email = "reg-" + UUID.randomUUID() + "@example.org";
        Patient onFile = new Patient();
        onFile.setActive(true);
        onFile.addName().setFamily(family).addGiven("Adaeze");
        onFile.setBirthDateElement(new DateType("1987-03-14"));
        onFile.addIdentifier().setSystem("https://clinic.example/mrn").setValue(mrn);
        String patientId = client().create().resource(onFile).execute().getId().getIdPart();
        Browser browser = new Browser(serverRoot());

        HttpResponse<String> registered = register(browser, email, "Adaeze", family.toUpperCase(), "1987-03-14", mrn);

        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.body()).contains("Check your email", email);
        assertThat(jdbc.queryForObject(
                        "select fhir_user from mediwox.patient_account where email = ?", String.class, email))
                .as("linked to the Patient on file (family name compared without case)")
                .isEqualTo("Patient/" + patientId);
        assertThat(Browser.location(
                        browser.submit("/login", "/login", Map.of("username", email, "password", PASSWORD))))
                .as("not before the address is confirmed")
                .endsWith("/login?error=unverified");
        assertThat(browser.get("/login?error=unverified").body())
                .contains("Confirm your email address first", "Send the link again", "value=\"" + email + "\"");

        String link = mailedLink(email, "verify-email");
        assertThat(browser.get(link).body()).contains("Your email address is confirmed");
        assertThat(browser.get(link).statusCode()).as("the link works once").isEqualTo(400);

        JsonNode tokens = launch(email, PASSWORD);
        assertThat(tokens.get("patient").asText()).isEqualTo(patientId);
    }

    @Test
    void registration_withoutAMatch_makesANewPatient_andRefusesWeakInput() {
        String email = "new-" + UUID.randomUUID() + "@example.org";
        String family = "Lindqvist-" + UUID.randomUUID().toString().substring(0, 8);
        Browser browser = new Browser(serverRoot());

        HttpResponse<String> weak = register(browser, email, "Sven", family, "1990-02-30", "");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("Enter your date of birth", "aria-invalid=\"true\"");
        HttpResponse<String> shortPassword = browser.submit(
                "/register",
                "/register",
                Map.of(
                        "email",
                        email,
                        "password",
                        "short",
                        "given",
                        "Sven",
                        "family",
                        family,
                        "birthDate",
                        "1990-02-03"));
        assertThat(shortPassword.body()).contains("Use at least 12 characters");
        assertThat(jdbc.queryForList("select 1 from mediwox.patient_account where email = ?", email))
                .isEmpty();

        browser.get("/register?lang=es"); // the Spanish page: the cookie keeps it for the post
        HttpResponse<String> done = register(browser, email, "Sven", family, "1990-02-03", "");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Revise su correo");
        String link = mailedLink(email, "verify-email");
        assertThat(jdbc.queryForObject(
                        "select subject from mediwox.notification_outbox where recipient = ?", String.class, email))
                .isEqualTo("Confirme su correo electrónico para Mediwox");
        assertThat(browser.get(link).body()).contains("Su correo electrónico está confirmado");
        JsonNode tokens = launch(email, PASSWORD);

        Patient made = client().read()
                .resource(Patient.class)
                .withId(tokens.get("patient").asText())
                .execute();
        assertThat(made.getNameFirstRep().getFamily()).isEqualTo(family);
        assertThat(made.getBirthDateElement().getValueAsString()).isEqualTo("1990-02-03");
        assertThat(made.getTelecom()).extracting(ContactPoint::getValue).containsExactly(email);
        assertThat(made.getCommunicationFirstRep()
                        .getLanguage()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("es");
    }

    @Test
    void passwordReset_answersAlikeForAnUnknownAddress_swapsThePassword_andRevokesTheRefreshTokens() {
        String email = registeredAndVerified("Reset");
        JsonNode before = launch(email, PASSWORD);
        assertThat(before.has("refresh_token")).isTrue();
        Browser browser = new Browser(serverRoot());

        String unknown = "nobody-" + UUID.randomUUID() + "@example.org";
        String forUnknown = alert(browser.submit("/forgot-password", "/forgot-password", Map.of("email", unknown)));
        String forKnown = alert(browser.submit("/forgot-password", "/forgot-password", Map.of("email", email)));
        assertThat(forKnown).isEqualTo(forUnknown).contains("If an account uses this address");
        staysTrue(() -> assertThat(
                        jdbc.queryForList("select 1 from mediwox.notification_outbox where recipient = ?", unknown))
                .isEmpty());

        String link = mailedLink(email, "reset-password");
        String token = URLDecoder.decode(link.replaceAll(".*[?&]token=([^&]+).*", "$1"), StandardCharsets.UTF_8);
        assertThat(browser.get(link).body()).contains("Choose a new password");
        String newPassword = "a brand new passphrase";
        assertThat(browser.submit(link, "/reset-password", Map.of("token", token, "password", "too short"))
                        .body())
                .as("a weak password keeps the link")
                .contains("Use at least 12 characters");
        assertThat(Browser.location(
                        browser.submit(link, "/reset-password", Map.of("token", token, "password", newPassword))))
                .endsWith("/login?reset");
        assertThat(browser.get(link).statusCode()).as("used once").isEqualTo(400);

        assertThat(new Browser(serverRoot()).signIn(email, PASSWORD)).endsWith("/login?error=credentials");
        assertThat(launch(email, newPassword).get("access_token").asText()).isNotBlank();
        HttpResponse<String> refreshed = Tokens.postForm(
                serverRoot() + "/oauth2/token",
                Map.of(
                        "grant_type",
                        "refresh_token",
                        "refresh_token",
                        before.get("refresh_token").asText(),
                        "client_id",
                        SmartLogin.APP_CLIENT_ID),
                null);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(400);
        assertThat(refreshed.body()).contains("invalid_grant");
        String accessBefore = before.get("access_token").asText();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(send(anonymousRequest("/fhir/Patient/"
                                                + before.get("patient").asText())
                                        .header("Authorization", "Bearer " + accessBefore))
                                .statusCode())
                        .isEqualTo(401));
    }

    @Test
    void secondFactor_isTurnedOnWithACode_andThenAskedAfterThePassword() throws Exception {
        String email = registeredAndVerified("Totp");
        Browser browser = new Browser(serverRoot());
        assertThat(Browser.location(browser.get("/account/2fa")))
                .as("signed-in patients only")
                .endsWith("/login");
        browser.signIn(email, PASSWORD);
        String page = browser.get("/account/2fa").body();
        Matcher shown = Pattern.compile("<code id=\"secret\" aria-hidden=\"true\">([A-Z2-7 ]+)</code>")
                .matcher(page);
        assertThat(shown.find()).as(page).isTrue();
        String secret = shown.group(1).replace(" ", "");
        String uri = "otpauth://totp/Mediwox%3A" + email.replace("@", "%40") + "?secret=" + secret;
        assertThat(page).contains(uri).contains("Key, character by character: " + Totp.spoken(secret));
        Matcher qr = Pattern.compile("<svg [^>]*role=\"img\" aria-label=\"QR code[^\"]*\"[^>]*>.*?</svg>")
                .matcher(page);
        assertThat(qr.find()).as("a QR code with an accessible name").isTrue();
        assertThat(QrCodeTest.decode(qr.group()))
                .as("the QR code holds the key shown as text")
                .startsWith(uri + "&issuer=Mediwox");

        assertThat(browser.submit("/account/2fa", "/account/2fa", Map.of("code", "000000"))
                        .statusCode())
                .isIn(400, 200);
        HttpResponse<String> on =
                browser.submit("/account/2fa", "/account/2fa", Map.of("code", code(secret, Instant.now())));
        assertThat(on.body()).contains("Two-step sign-in is on");

        Browser phone = new Browser(serverRoot());
        Authorization authorization = authorize(phone);
        assertThat(phone.signIn(email, PASSWORD))
                .as("the password alone is not enough")
                .endsWith("/login/code");
        assertThat(phone.get("/login/code").body()).contains("autocomplete=\"one-time-code\"");
        assertSecondFactorPagesAccessible(phone);
        assertThat(phone.get(authorization.request())
                        .headers()
                        .firstValue("Location")
                        .orElseThrow())
                .as("not signed in yet")
                .endsWith("/login");
        HttpResponse<String> wrong = phone.submit("/login/code", "/login/code", Map.of("code", "123456"));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("That code is not right");
        // the code of the next step: the current one was used to turn the factor on
        String next = Browser.location(phone.submit(
                "/login/code",
                "/login/code",
                Map.of("code", code(secret, Instant.now().plusSeconds(30)))));
        assertThat(next).contains("/oauth2/authorize");
        String callback = Browser.location(phone.get(next));
        assertThat(exchange(authorization, callback).get("access_token").asText())
                .isNotBlank();
    }

    @Test
    void rpInitiatedLogout_endsTheServerSession_andReturnsToThePatientApp() {
        String email = registeredAndVerified("Logout");
        Browser browser = new Browser(serverRoot());
        Authorization authorization = authorize(browser, "mediwox-patient-app", "http://127.0.0.1/app/");
        browser.signIn(email, PASSWORD);
        String callback = Browser.location(browser.get(authorization.request()));
        JsonNode tokens = exchange(authorization, callback);
        String idToken = tokens.get("id_token").asText();
        String appAddress = "http://127.0.0.1:" + port + "/app/";
        // as the patient app signs out: its refresh token revoked first, then the browser sent to the logout
        HttpResponse<String> revoked = Tokens.postForm(
                serverRoot() + "/oauth2/revoke",
                Map.of(
                        "token",
                        tokens.get("refresh_token").asText(),
                        "token_type_hint",
                        "refresh_token",
                        "client_id",
                        "mediwox-patient-app"),
                null);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

        HttpResponse<String> logout = browser.get("/connect/logout?id_token_hint=" + idToken
                + "&client_id=mediwox-patient-app&post_logout_redirect_uri=" + appAddress + "&state=bye");

        assertThat(Browser.location(logout)).isEqualTo(appAddress + "?state=bye");
        assertThat(browser.get("/.well-known/openid-configuration").body())
                .contains("\"end_session_endpoint\":\"" + serverRoot() + "/connect/logout\"");
        Authorization again = authorize(browser, "mediwox-patient-app", "http://127.0.0.1/app/");
        assertThat(Browser.location(browser.get(again.request())))
                .as("the session ended: a new sign-in is needed")
                .endsWith("/login");
        HttpResponse<String> elsewhere = browser.get("/connect/logout?id_token_hint=" + idToken
                + "&client_id=mediwox-patient-app&post_logout_redirect_uri=https://evil.example/&state=x");
        assertThat(elsewhere.statusCode())
                .as("an unregistered address is refused")
                .isEqualTo(400);
    }

    // --- helpers

    /**
     * The second factor's two pages pass the same accessibility run as the sign-in pages ({@link SignInPagesIT}): the
     * page that turns it on (a signed-in patient without it) and the page that asks for the code (a sign-in waiting
     * for it, {@code waiting}); Chromium is handed each session's cookie.
     */
    private void assertSecondFactorPagesAccessible(Browser waiting) throws IOException, InterruptedException {
        NodeScript.requireChromium();
        Browser turningOn = new Browser(serverRoot());
        turningOn.signIn(registeredAndVerified("Axe"), PASSWORD);
        JsonNode result = NodeScript.run(
                Path.of("src", "test", "smart-app-launch"),
                Map.of(),
                Duration.ofMinutes(3),
                NodeScript.node(),
                "sign-in-pages.mjs",
                serverRoot(),
                TwoFactorPage.PAGE + " " + turningOn.sessionCookie(),
                SignInCode.PAGE + " " + waiting.sessionCookie());
        assertThat(result.get("problems")).as(result.toString()).isEmpty();
        assertThat(result.get("checked")).hasSize(2 * 4);
        assertThat(result.findValuesAsText("title")).allMatch(title -> !title.isBlank());
    }

    private HttpResponse<String> register(
            Browser browser, String email, String given, String family, String birthDate, String identifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", email);
        form.put("password", PASSWORD);
        form.put("given", given);
        form.put("family", family);
        form.put("birthDate", birthDate);
        form.put("identifier", identifier);
        return browser.submit("/register", "/register", form);
    }

    private String registeredAndVerified(String given) {
        String email = given.toLowerCase() + "-" + UUID.randomUUID() + "@example.org";
        Browser browser = new Browser(serverRoot());
        register(browser, email, given, "Tester-" + UUID.randomUUID().toString().substring(0, 8), "1979-11-05", "");
        assertThat(browser.get(mailedLink(email, "verify-email")).body()).contains("confirmed");
        return email;
    }

    /** The link of the newest account e-mail of this kind to the address, as the notification outbox recorded it. */
    private String mailedLink(String email, String event) {
        List<String> bodies = await(
                () -> jdbc.queryForList(
                        "select body from mediwox.notification_outbox where recipient = ? and event = ?"
                                + " order by id desc",
                        String.class,
                        email,
                        event),
                1);
        Matcher link = LINK.matcher(bodies.get(0));
        assertThat(link.find()).as(bodies.get(0)).isTrue();
        return link.group();
    }

    private static String alert(HttpResponse<String> page) {
        Matcher notice = Pattern.compile("role=\"status\">([^<]*)<").matcher(page.body());
        assertThat(notice.find()).as(page.body()).isTrue();
        return notice.group(1);
    }

    private static String code(String secret, Instant at) throws Exception {
        return Totp.code(new Base32().decode(secret), "HmacSHA1", Totp.DIGITS, at);
    }

    private record Authorization(String request, String clientId, String redirectUri, String verifier) {}

    private Authorization authorize(Browser browser) {
        return authorize(browser, SmartLogin.APP_CLIENT_ID, SmartLogin.REDIRECT_URI);
    }

    /** An authorization request with PKCE; its first answer must send the browser to the sign-in page. */
    private Authorization authorize(Browser browser, String clientId, String redirectUri) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge;
        try {
            challenge = Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String scope = clientId.equals(SmartLogin.APP_CLIENT_ID)
                ? SCOPE
                : "openid fhirUser launch/patient patient/Patient.r offline_access";
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("scope", scope);
        query.put("state", "s-" + System.nanoTime());
        query.put("aud", fhirBase());
        query.put("code_challenge", challenge);
        query.put("code_challenge_method", "S256");
        String request = "/oauth2/authorize?" + Browser.form(query);
        assertThat(Browser.location(browser.get(request))).endsWith("/login");
        return new Authorization(request, clientId, redirectUri, verifier);
    }

    private JsonNode exchange(Authorization authorization, String callback) {
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
        assertThat(code.find()).as(callback).isTrue();
        return Tokens.tokenRequest(
                serverRoot(),
                Map.of(
                        "grant_type", "authorization_code",
                        "code", URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                        "redirect_uri", authorization.redirectUri(),
                        "client_id", authorization.clientId(),
                        "code_verifier", authorization.verifier()),
                null);
    }

    /** A whole standalone launch of the test app for this login: the token response. */
    private JsonNode launch(String email, String password) {
        Browser browser = new Browser(serverRoot());
        Authorization authorization = authorize(browser);
        String next = browser.signIn(email, password);
        assertThat(next).contains("/oauth2/authorize");
        return exchange(authorization, Browser.location(browser.get(next)));
    }
}
