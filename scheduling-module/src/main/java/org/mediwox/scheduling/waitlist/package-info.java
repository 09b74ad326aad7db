/**
 * The waiting list: "tell me if something earlier opens" for a booked Appointment. Entries are Appointments with status
 * {@code waitlist}; free earlier Slots of the entry's pool are offered as holds, one entry at a time, urgent first, then
 * first come, first served.
 */
package org.mediwox.scheduling.waitlist;
