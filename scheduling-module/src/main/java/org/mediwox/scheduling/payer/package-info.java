/**
 * The payer hook of {@code $book} (Da Vinci Coverage Requirements Discovery, CDS Hooks {@code appointment-book}) and the
 * insurance inputs of {@code $find} and {@code $book} (IHE {@code insurance-reference}, Argonaut {@code coverage}).
 * After a booking commits, the payer's CDS service is asked with a short timeout; its cards are kept on the Appointment
 * ({@code payer-card}) and answered with it. A payer that is slow or down never fails a booking: the check is recorded
 * ({@code mediwox.payer_check}) and retried in the background.
 */
package org.mediwox.scheduling.payer;
