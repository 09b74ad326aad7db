package org.mediwox.server.security.accounts;

import java.net.URI;
import java.util.Locale;
import org.mediwox.plugin.account.AccountMail;
import org.mediwox.plugin.account.AccountMailer;
import org.mediwox.server.security.ServerUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends an account's link by e-mail through the module that sends e-mail (plugin-api's {@link AccountMailer}: the
 * notification module's outbox); without one the message is not sent and a warning says so. In demo mode the link is
 * also written to the log (INFO), so a demo works without any mail server. Links point at the configured public
 * address ({@code mediwox.fhir.server-address}), else at the address the request came to.
 */
final class AccountLinks {

    private static final Logger log = LoggerFactory.getLogger(AccountLinks.class);

    private final ObjectProvider<AccountMailer> mailers;
    private final ServerUrls urls;
    private final boolean demo;

    AccountLinks(ObjectProvider<AccountMailer> mailers, ServerUrls urls, boolean demo) {
        this.mailers = mailers;
        this.urls = urls;
        this.demo = demo;
    }

    void send(AccountMail.Kind kind, Account account, String path, String token, String language) {
        String root = urls.configuredBuiltInIssuer();
        UriComponentsBuilder link = root.isEmpty()
                ? ServletUriComponentsBuilder.fromCurrentContextPath()
                : UriComponentsBuilder.fromUriString(root);
        URI uri = link.path(path)
                .queryParam("token", token)
                .queryParam("lang", language)
                .build()
                .toUri();
        if (demo) {
            log.info(
                    "{} link for {}: {}",
                    kind == AccountMail.Kind.VERIFY_EMAIL ? "Verification" : "Password reset",
                    account.email(),
                    uri);
        }
        AccountMailer mailer = mailers.getIfAvailable();
        if (mailer == null) {
            log.warn(
                    "No module sends e-mail (notification module absent): the {} message of {} was not sent",
                    kind,
                    account.fhirUser());
            return;
        }
        mailer.send(new AccountMail(kind, account.email(), Locale.forLanguageTag(language), uri, account.fhirUser()));
    }
}
