package org.mediwox.notification.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A Subscription's rest-hook: POSTs the notification to the subscriber's endpoint with the channel's headers. 2xx is
 * delivered; 4xx other than 408/429 is permanent (the subscriber refuses it); anything else is retried.
 */
public class RestHookSender {

    private final HttpClient http;
    private final Duration timeout;

    /** @param timeout how long a delivery may take in all (connecting at most 10 s of it) */
    public RestHookSender(Duration timeout) {
        this.timeout = timeout;
        Duration connect = timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
        this.http = HttpClient.newBuilder().connectTimeout(connect).build();
    }

    /** Sends; returns a description of the answer as the delivery id. */
    public String send(String endpoint, String headers, String contentType, String body, String dedupeKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(timeout)
                .header("X-Mediwox-Dedupe-Key", dedupeKey)
                .POST(
                        body == null || body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !body.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        if (headers != null) {
            for (String line : headers.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    request.header(
                            line.substring(0, colon).trim(),
                            line.substring(colon + 1).trim());
                }
            }
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException("rest-hook " + endpoint + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return "http-" + status;
        }
        String message = "rest-hook " + endpoint + " answered " + status;
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new PermanentFailure(message, null);
        }
        throw new IllegalStateException(message);
    }
}
