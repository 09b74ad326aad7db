package org.mediwox.notification.delivery;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** AWS answers that no retry can change (4xx other than throttling) are permanent; the rest are worth a retry. */
final class Failures {

    private Failures() {}

    static RuntimeException classify(String service, AwsServiceException e) {
        int status = e.statusCode();
        if (status >= 400 && status < 500 && status != 429 && !e.isThrottlingException()) {
            String detail = e.awsErrorDetails() == null
                    ? e.getMessage()
                    : e.awsErrorDetails().errorMessage();
            return new PermanentFailure(service + " refused the message: " + detail, e);
        }
        return e;
    }
}
