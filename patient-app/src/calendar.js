// "Add to calendar" for a booked appointment: an iCalendar file (RFC 5545) and links that open Google Calendar and
// Outlook with the event filled in. Times are UTC, so every calendar shows them in its own zone.

/** 2026-12-01T14:00:00Z -> 20261201T140000Z (RFC 5545 DATE-TIME in UTC). */
export function icsTime(iso) {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 5545 TEXT: backslash, semicolon and comma escaped, new lines as \n. */
function text(value) {
  return String(value ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** RFC 5545 content lines are at most 75 octets: longer ones continue on the next line after a space. */
function fold(line) {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const length = new TextEncoder().encode(char).length;
    if (size + length > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/**
 * The iCalendar text of one appointment: {@code id} (the Appointment's id, made the UID under the server's host),
 * {@code start}/{@code end} (ISO), {@code title}, {@code location}, {@code description}; {@code now} stamps it.
 */
export function icsEvent({ id, host, start, end, title, location, description }, now = new Date()) {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Mediwox//Patient app//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:appointment-${id}@${host}`,
    `DTSTAMP:${icsTime(now)}`,
    `DTSTART:${icsTime(start)}`,
    `DTEND:${icsTime(end)}`,
    `SUMMARY:${text(title)}`,
  ];
  if (location) lines.push(`LOCATION:${text(location)}`);
  if (description) lines.push(`DESCRIPTION:${text(description)}`);
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** A link that opens Google Calendar's new-event page with the appointment filled in. */
export function googleCalendarUrl({ start, end, title, location, description }) {
  const url = new URL('https://calendar.google.com/calendar/render');
  url.searchParams.set('action', 'TEMPLATE');
  url.searchParams.set('text', title);
  url.searchParams.set('dates', `${icsTime(start)}/${icsTime(end)}`);
  if (location) url.searchParams.set('location', location);
  if (description) url.searchParams.set('details', description);
  return url.toString();
}

/** A link that opens Outlook on the web's new-event page with the appointment filled in. */
export function outlookCalendarUrl({ start, end, title, location, description }) {
  const url = new URL('https://outlook.live.com/calendar/0/deeplink/compose');
  url.searchParams.set('path', '/calendar/action/compose');
  url.searchParams.set('rru', 'addevent');
  url.searchParams.set('subject', title);
  url.searchParams.set('startdt', new Date(start).toISOString());
  url.searchParams.set('enddt', new Date(end).toISOString());
  if (location) url.searchParams.set('location', location);
  if (description) url.searchParams.set('body', description);
  return url.toString();
}
