import { describe, expect, it } from 'vitest';
import { googleCalendarUrl, icsEvent, icsTime, outlookCalendarUrl } from './calendar.js';

const event = {
  id: '123',
  host: 'clinic.example',
  start: '2026-12-01T09:00:00-05:00',
  end: '2026-12-01T09:30:00-05:00',
  title: 'General practice — Dr. Amara Okafor',
  location: 'Mediwox Main Street, 100 Main Street; Springfield',
};

describe('add to calendar', () => {
  it('writes UTC times in the basic RFC 5545 form', () => {
    expect(icsTime('2026-12-01T09:00:00-05:00')).toBe('20261201T140000Z');
  });

  it('writes one VEVENT with the Appointment id as UID, CRLF line ends, escaped text and folded lines', () => {
    const ics = icsEvent(
      { ...event, description: 'Bring, please; your card\nand this long sentence so that the line must be folded' },
      new Date('2026-11-30T12:00:00Z'),
    );
    const lines = ics.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('UID:appointment-123@clinic.example');
    expect(lines).toContain('DTSTAMP:20261130T120000Z');
    expect(lines).toContain('DTSTART:20261201T140000Z');
    expect(lines).toContain('DTEND:20261201T143000Z');
    expect(lines).toContain('LOCATION:Mediwox Main Street\\, 100 Main Street\\; Springfield');
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(ics).not.toMatch(/[^\r]\n/);
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    // unfolded, the description is whole
    expect(ics.replace(/\r\n /g, '')).toContain(
      'DESCRIPTION:Bring\\, please\\; your card\\nand this long sentence so that the line must be folded',
    );
    // the summary's dash is UTF-8 and counted in octets when folding
    expect(ics).toContain('SUMMARY:General practice — Dr. Amara Okafor');
  });

  it('links to Google Calendar and Outlook with the same event', () => {
    const google = new URL(googleCalendarUrl(event));
    expect(google.origin).toBe('https://calendar.google.com');
    expect(google.searchParams.get('dates')).toBe('20261201T140000Z/20261201T143000Z');
    expect(google.searchParams.get('text')).toBe(event.title);
    const outlook = new URL(outlookCalendarUrl(event));
    expect(outlook.searchParams.get('startdt')).toBe('2026-12-01T14:00:00.000Z');
    expect(outlook.searchParams.get('subject')).toBe(event.title);
    expect(outlook.searchParams.get('location')).toBe(event.location);
  });
});
