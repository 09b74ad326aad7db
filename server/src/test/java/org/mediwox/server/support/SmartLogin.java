package org.mediwox.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A SMART standalone launch as a public app drives it over HTTP: authorization request with PKCE (S256), the patient's
 * login on the built-in server's login page, the redirect back with a code, the code exchanged for tokens.
 */
public final class SmartLogin {

    public static final String APP_CLIENT_ID = "test-smart-app";
    public static final String REDIRECT_URI = "http://127.0.0.1/callback";
    public static final String DEMO_PASSWORD = "mediwox";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final String serverRoot;
    private final String clientId;
    private final String redirectUri;
    private final HttpClient http;
    private final String verifier;
    private String password = DEMO_PASSWORD;

    public SmartLogin(String serverRoot) {
        this(serverRoot, APP_CLIENT_ID, REDIRECT_URI);
    }

    /** A login for another public client of the built-in server (the patient app: {@code mediwox-patient-app}). */
    public SmartLogin(String serverRoot, String clientId, String redirectUri) {
        this.serverRoot = serverRoot;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Signs in with this password instead of the demo users' (a registered account's). */
    public SmartLogin withPassword(String accountPassword) {
        this.password = accountPassword;
        return this;
    }

    /** Logs the user in and returns the authorization code the app receives. */
    public String authorize(String username, String scope) {
        return authorize(username, scope, Map.of());
    }

    /** As {@link #authorize(String, String)}, with further authorization request parameters (an EHR's {@code launch}). */
    public String authorize(String username, String scope, Map<String, String> extra) {
        String callback = authorizationResponse(username, scope, extra);
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
        if (!code.find()) {
            throw new AssertionError("no code in the redirect: " + callback);
        }
        return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
    }

    /**
     * Logs the user in and returns the redirect back to the app: with a {@code code}, or with an OAuth {@code error}.
     */
    public String authorizationResponse(String username, String scope, Map<String, String> extra) {
        return authorizationResponse(username, scope, extra, null);
    }

    /**
     * As {@link #authorizationResponse(String, String, Map)}, choosing the patient on the patient picker when the login
     * may act for several ({@code patient} null: no picker expected).
     */
    public String authorizationResponse(String username, String scope, Map<String, String> extra, String patient) {
        HttpResponse<String> granted = signIn(username, scope, extra);
        if (patient != null) {
            expectRedirect(granted, "/login/patient");
            granted = get(absolute(choosePatient(patient)));
        }
        return expectRedirect(granted, redirectUri);
    }

    /**
     * Sends the authorization request, logs the user in, and answers what the authorization endpoint then does: a
     * redirect back to the app, or to the patient picker.
     */
    public HttpResponse<String> signIn(String username, String scope, Map<String, String> extra) {
        HttpResponse<String> first = authorizationRequest(scope, extra);
        expectRedirect(first, "/login");
        HttpResponse<String> page = get(serverRoot + "/login");
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token on the login page: " + page.body());
        }
        HttpResponse<String> login =
                post(serverRoot + "/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1)));
        String next = expectRedirect(login, "/oauth2/authorize");
        return get(absolute(next));
    }

    /** The patient picker page of this login's session. */
    public HttpResponse<String> pickerPage() {
        return get(serverRoot + "/login/patient");
    }

    /** Chooses on the patient picker, whatever it offers; answers the server's response. */
    public HttpResponse<String> choose(String patient) {
        Matcher csrf = CSRF.matcher(pickerPage().body());
        return post(
                serverRoot + "/login/patient",
                csrf.find() ? Map.of("patient", patient, "_csrf", csrf.group(1)) : Map.of("patient", patient));
    }

    /** The patient picker: the page must offer {@code patient}; answers where the choice leads. */
    public String choosePatient(String patient) {
        HttpResponse<String> page = get(serverRoot + "/login/patient");
        Matcher csrf = CSRF.matcher(page.body());
        if (page.statusCode() != 200 || !csrf.find() || !page.body().contains("value=\"" + patient + "\"")) {
            throw new AssertionError("the patient picker does not offer " + patient + ": " + page.body());
        }
        HttpResponse<String> chosen =
                post(serverRoot + "/login/patient", Map.of("patient", patient, "_csrf", csrf.group(1)));
        return expectRedirect(chosen, "/oauth2/authorize");
    }

    /** Logs in and chooses a patient on the picker, then answers the token response of the whole launch. */
    public static JsonNode launchFor(String serverRoot, String username, String scope, String patient) {
        SmartLogin login = new SmartLogin(serverRoot);
        String callback = login.authorizationResponse(username, scope, Map.of(), patient);
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(callback);
        if (!code.find()) {
            throw new AssertionError("no code in the redirect: " + callback);
        }
        HttpResponse<String> answer =
                login.exchange(java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), login.verifier());
        if (answer.statusCode() != 200) {
            throw new AssertionError("token endpoint answered " + answer.statusCode() + ": " + answer.body());
        }
        return Tokens.json(answer.body());
    }

    private String absolute(String location) {
        return location.startsWith("http") ? location : serverRoot + location;
    }

    /**
     * The authorization endpoint's first answer, before anyone logs in (a redirect to the login page, or an OAuth error
     * on the app's redirect URI). An {@code extra} parameter with an empty value leaves that parameter out ({@code
     * aud}).
     */
    public HttpResponse<String> authorizationRequest(String scope, Map<String, String> extra) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("scope", scope);
        query.put("state", "s-" + System.nanoTime());
        query.put("aud", serverRoot + "/fhir");
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        query.putAll(extra);
        query.values().removeIf(String::isEmpty);
        return get(serverRoot + "/oauth2/authorize?" + form(query));
    }

    /** Exchanges the code for tokens with the PKCE verifier of this login (or another one). */
    public HttpResponse<String> exchange(String code, String codeVerifier) {
        return post(
                serverRoot + "/oauth2/token",
                Map.of(
                        "grant_type", "authorization_code",
                        "code", code,
                        "redirect_uri", redirectUri,
                        "client_id", clientId,
                        "code_verifier", codeVerifier));
    }

    public String verifier() {
        return verifier;
    }

    /** The token response of a complete standalone launch. */
    public static JsonNode launch(String serverRoot, String username, String scope) {
        SmartLogin login = new SmartLogin(serverRoot);
        HttpResponse<String> answer = login.exchange(login.authorize(username, scope), login.verifier());
        if (answer.statusCode() != 200) {
            throw new AssertionError("token endpoint answered " + answer.statusCode() + ": " + answer.body());
        }
        return Tokens.json(answer.body());
    }

    private static String expectRedirect(HttpResponse<String> response, String expected) {
        String location = response.headers().firstValue("Location").orElse("");
        if (response.statusCode() != 302 || !location.contains(expected)) {
            throw new AssertionError("expected a redirect to " + expected + ", got " + response.statusCode() + " "
                    + location + " " + response.body());
        }
        return location;
    }

    private HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private HttpResponse<String> post(String url, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
