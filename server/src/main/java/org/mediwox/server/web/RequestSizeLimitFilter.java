package org.mediwox.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.mediwox.server.MediwoxProperties;
import org.mediwox.server.audit.AuditTrail;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses FHIR request bodies above {@code mediwox.fhir.max-request-size} with 413 before anything parses them. A
 * declared Content-Length is checked up front; a chunked body is read up to the limit and refused when it goes beyond.
 * Every refusal is audited.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final OperationOutcomeWriter outcomes;
    private final AuditTrail audit;

    RequestSizeLimitFilter(long maxBytes, OperationOutcomeWriter outcomes, AuditTrail audit) {
        this.maxBytes = maxBytes;
        this.outcomes = outcomes;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(request, response, declared);
            return;
        }
        if (declared >= 0 || !hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(Math.toIntExact(Math.min(maxBytes + 1, Integer.MAX_VALUE)));
        if (body.length > maxBytes) {
            // read (and drop) a bounded amount more, so that a client still sending gets to read the 413 instead of
            // a connection reset; whatever is beyond that bound is cut off with the connection
            drain(request.getInputStream(), maxBytes);
            refuse(request, response, -1);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private static void drain(InputStream in, long atMost) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long drained = 0;
        int read;
        while (drained < atMost && (read = in.read(buffer)) != -1) {
            drained += read;
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getHeader("Transfer-Encoding") != null;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long declared) throws IOException {
        String size = declared >= 0 ? declared + " bytes" : "more than " + maxBytes + " bytes";
        String message = "Request body of " + size + " exceeds the limit of " + maxBytes
                + " bytes (mediwox.fhir.max-request-size).";
        // HAPI never sees this request, so its audit hooks do not either
        audit.refused(request, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, message);
        outcomes.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, IssueType.TOOLONG, message);
    }

    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("Asynchronous reads are not supported on a buffered body");
                }

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, length);
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
                MediwoxProperties properties, OperationOutcomeWriter outcomes, AuditTrail audit) {
            FilterRegistrationBean<RequestSizeLimitFilter> registration =
                    new FilterRegistrationBean<>(new RequestSizeLimitFilter(
                            properties.fhir().maxRequestSize().toBytes(), outcomes, audit));
            registration.addUrlPatterns("/fhir/*");
            return registration;
        }
    }
}
