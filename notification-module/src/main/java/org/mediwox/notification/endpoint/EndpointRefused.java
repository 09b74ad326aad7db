package org.mediwox.notification.endpoint;

/**
 * An endpoint or channel header that breaks a rule. The message names the rule and is safe to show to the
 * Subscription's author (it says nothing the author did not write, besides the rule).
 */
public class EndpointRefused extends RuntimeException {
    public EndpointRefused(String message) {
        super(message);
    }
}
