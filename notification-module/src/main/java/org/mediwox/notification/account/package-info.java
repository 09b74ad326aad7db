/** The server's e-mails about patient accounts, sent through the outbox ({@link org.mediwox.notification.account.AccountMessages}). */
package org.mediwox.notification.account;
