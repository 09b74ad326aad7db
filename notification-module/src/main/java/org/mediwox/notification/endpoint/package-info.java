/**
 * Where a rest-hook may be delivered. A Subscription's endpoint is a URL anyone with a Subscription write scope picks,
 * and the server POSTs to it from inside the clinic's network: without rules it reaches the server's own ports, the
 * database, internal services and the cloud metadata service (server-side request forgery). {@link
 * org.mediwox.notification.endpoint.EndpointPolicy} holds the address and scheme rules, {@link
 * org.mediwox.notification.endpoint.AllowedEndpoints} the operator's exceptions, {@link
 * org.mediwox.notification.endpoint.ChannelHeaders} the rules for {@code channel.header}. They are checked when a
 * Subscription is stored and again at every delivery, against the address the sender then connects to.
 */
package org.mediwox.notification.endpoint;
