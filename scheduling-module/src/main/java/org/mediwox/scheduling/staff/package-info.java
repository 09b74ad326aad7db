/**
 * Staff accounts and roles: what a member of the clinic's staff (a {@code user/} token whose {@code fhirUser} is a
 * Practitioner) may write, decided by their active PractitionerRoles and the staff-role codes on them. Front desk and
 * clinicians write Appointments at their roles' Locations, a manager anywhere in their Organizations; availability
 * (Schedules, Slots, Location closures, PractitionerRoles) is a manager's, at the same places, except a practitioner's
 * own leave. Enforced
 * below every entry point, on HAPI's pre-storage hooks; patients, back ends and the server's own work are not
 * governed here.
 */
package org.mediwox.scheduling.staff;
