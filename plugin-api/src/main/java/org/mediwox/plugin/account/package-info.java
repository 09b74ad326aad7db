/**
 * The server's messages about patient accounts (confirm an e-mail address, reset a password), handed to whichever
 * module sends e-mail: {@link org.mediwox.plugin.account.AccountMail} and {@link
 * org.mediwox.plugin.account.AccountMailer}.
 */
package org.mediwox.plugin.account;
