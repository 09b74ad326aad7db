package org.mediwox.notification.delivery;

/** The provider refused the message for good (bad address, rejected content): retrying cannot help. */
public class PermanentFailure extends RuntimeException {
    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
