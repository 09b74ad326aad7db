package org.mediwox.notification.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.mediwox.notification.endpoint.ChannelHeaders;
import org.mediwox.notification.endpoint.EndpointPolicy;
import org.mediwox.notification.endpoint.EndpointRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Subscription's rest-hook: POSTs the notification to the subscriber's endpoint with the channel's headers. 2xx is
 * delivered; 3xx (redirects are not followed) and 4xx other than 408/429 are permanent (the subscriber refuses it);
 * anything else is retried.
 *
 * <p>The endpoint is a URL chosen by whoever may write Subscriptions, so every delivery checks it again with the
 * {@link EndpointPolicy} (DNS may have changed since the Subscription was stored) and connects to the very address that
 * was checked: the HTTP client gets the address with the host name (for TLS and {@code Host}), and its own name
 * resolution refuses everything. No redirects, no proxy, no retries inside the client. What the endpoint answered and
 * why a connection failed goes to the server log only: the recorded outcome, which {@code $notifications} shows, is
 * coarse ("unreachable", "HTTP 4xx"), so rest-hooks cannot be used to scan the network.
 */
public class RestHookSender {

    private static final Logger log = LoggerFactory.getLogger(RestHookSender.class);

    /** Every connection goes to an address the policy checked; a lookup by the client itself is a bug, refused. */
    private static final DnsResolver NO_LOOKUPS = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException("rest-hooks connect only to checked addresses: " + host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException("rest-hooks connect only to checked addresses: " + host);
        }
    };

    private final EndpointPolicy policy;
    private final CloseableHttpClient http;

    /**
     * @param timeout how long a delivery may take: connecting at most half of it (and at most 10 s), waiting for the
     *     answer the rest
     */
    public RestHookSender(EndpointPolicy policy, Duration timeout) {
        this.policy = policy;
        Duration connect = timeout.dividedBy(2).compareTo(Duration.ofSeconds(10)) < 0
                ? timeout.dividedBy(2)
                : Duration.ofSeconds(10);
        Duration answer = timeout.minus(connect);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(NO_LOOKUPS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connect))
                                .setSocketTimeout(Timeout.of(answer))
                                .build())
                        .setMaxConnPerRoute(4)
                        .setMaxConnTotal(64)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(answer))
                        .setConnectionRequestTimeout(Timeout.of(connect))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * Sends; returns a description of the answer as the delivery id.
     *
     * @throws PermanentFailure when the endpoint or a header breaks a rule, or the subscriber refuses the notification
     * @throws IllegalStateException (coarse message) when a retry may succeed
     */
    public String send(String endpoint, String headers, String contentType, String body, String dedupeKey) {
        URI uri;
        List<InetAddress> addresses;
        HttpPost post;
        try {
            uri = URI.create(endpoint);
            addresses = policy.check(uri);
            post = request(uri, headers, contentType, body, dedupeKey);
        } catch (IllegalArgumentException e) {
            throw refused("not a URL");
        } catch (EndpointRefused e) {
            log.warn("Rest-hook to {} refused: {}", endpoint, e.getMessage());
            throw refused(e.getMessage());
        } catch (UnknownHostException e) {
            log.info("Rest-hook to {}: host does not resolve ({})", endpoint, e.getMessage());
            throw new IllegalStateException("rest-hook unreachable");
        }
        InetAddress address = addresses.get(0);
        String host = uri.getHost().startsWith("[")
                ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        HttpHost target = new HttpHost(uri.getScheme().toLowerCase(), address, host, port);
        int status;
        try (ClassicHttpResponse response = http.executeOpen(target, post, null)) {
            status = response.getCode(); // the body is never read: closing discards the connection
        } catch (IOException e) {
            log.info("Rest-hook to {} ({}) unreachable: {}", endpoint, address.getHostAddress(), e.toString());
            throw new IllegalStateException("rest-hook unreachable");
        }
        if (status >= 200 && status < 300) {
            return "http-" + status;
        }
        log.info("Rest-hook to {} ({}) answered {}", endpoint, address.getHostAddress(), status);
        String coarse = "HTTP " + status / 100 + "xx";
        if (status >= 300 && status < 400) {
            throw new PermanentFailure("rest-hook refused: " + coarse + " (redirects are not followed)", null);
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            throw new PermanentFailure("rest-hook refused: " + coarse, null);
        }
        throw new IllegalStateException(
                "rest-hook failed: " + (status == 408 || status == 429 ? "HTTP " + status : coarse));
    }

    private static HttpPost request(URI uri, String headers, String contentType, String body, String dedupeKey) {
        HttpPost post = new HttpPost(uri);
        if (headers != null) {
            for (String line : headers.split("\n")) {
                if (!line.isBlank()) {
                    Map.Entry<String, String> header = ChannelHeaders.parse(line);
                    post.addHeader(header.getKey(), header.getValue());
                }
            }
        }
        post.setHeader("X-Mediwox-Dedupe-Key", dedupeKey);
        if (body != null && !body.isEmpty()) {
            post.setHeader("Content-Type", contentType);
            post.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), null));
        } else {
            post.setEntity(new ByteArrayEntity(new byte[0], null)); // Content-Length: 0
        }
        return post;
    }

    private static PermanentFailure refused(String rule) {
        return new PermanentFailure("rest-hook refused by the endpoint rules: " + rule, null);
    }

    /** On shutdown: closes pooled connections. */
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            log.debug("Closing the rest-hook client: {}", e.toString());
        }
    }
}
