package org.mediwox.notification.delivery;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** AWS answers that no retry can change (400 other than throttling) are permanent; the rest are worth a retry. */
final class Failures {

    private Failures() {}

    static RuntimeException classify(String service, AwsServiceException e) {
        // 400 is the message itself (invalid address or number, rejected content); 403 (credentials, clock skew), 429
        // and 5xx may pass on a retry
        if (e.statusCode() == 400 && !e.isThrottlingException()) {
            String detail = e.awsErrorDetails() == null
                    ? e.getMessage()
                    : e.awsErrorDetails().errorMessage();
            return new PermanentFailure(service + " refused the message: " + detail, e);
        }
        return e;
    }
}
