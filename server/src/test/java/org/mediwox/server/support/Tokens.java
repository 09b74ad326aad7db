package org.mediwox.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Access tokens from the built-in authorization server, obtained the way a script or back end obtains them. */
public final class Tokens {

    public static final String DEMO_CLIENT = "mediwox-demo-client";
    public static final String DEMO_SECRET = "mediwox-demo-secret";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Tokens() {}

    /** A token for the demo back-end client (client credentials with its secret). */
    public static String demoClient(String serverRoot, String scope) {
        JsonNode answer = tokenRequest(
                serverRoot,
                Map.of("grant_type", "client_credentials", "scope", scope),
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((DEMO_CLIENT + ":" + DEMO_SECRET).getBytes(StandardCharsets.UTF_8)));
        return answer.get("access_token").asText();
    }

    /** POSTs a form to the token endpoint; fails the test with the answer unless it is 200. */
    public static JsonNode tokenRequest(String serverRoot, Map<String, String> form, String authorization) {
        HttpResponse<String> response = postForm(serverRoot + "/oauth2/token", form, authorization);
        if (response.statusCode() != 200) {
            throw new AssertionError("token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    public static HttpResponse<String> postForm(String url, Map<String, String> form, String authorization) {
        String body = new LinkedHashMap<>(form)
                .entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
