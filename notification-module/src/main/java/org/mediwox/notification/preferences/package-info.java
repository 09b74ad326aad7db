/**
 * The patient's choice of channels for appointment messages ({@code Patient/[id]/$notification-preferences}), stored on
 * the Patient where the notification planner reads it.
 */
package org.mediwox.notification.preferences;
