import { describe, expect, it, vi } from 'vitest';
import {
  HOLD_EXPIRY,
  isWaitlistAppointment,
  joinWaitlist,
  takeOfferParameters,
  WAITLIST_FOR,
  waitlistByBooked,
  waitlistFor,
} from './waitlist.js';

const NOW = new Date('2026-12-01T10:00:00Z');
const forBooked = (id) => [{ url: WAITLIST_FOR, valueReference: { reference: `Appointment/${id}` } }];
const bundle = (...resources) => ({ resourceType: 'Bundle', entry: resources.map((resource) => ({ resource })) });

describe('waiting list', () => {
  it('finds the entry and the open offer of each booked appointment, and leaves out lapsed offers', () => {
    const booked = { resourceType: 'Appointment', id: '7', status: 'booked', start: '2026-12-20T09:00:00Z' };
    const entry = { resourceType: 'Appointment', id: '8', status: 'waitlist', extension: forBooked('7') };
    const offer = {
      resourceType: 'Appointment',
      id: '9',
      status: 'pending',
      start: '2026-12-02T09:00:00Z',
      extension: [...forBooked('7'), { url: HOLD_EXPIRY, valueInstant: '2026-12-01T10:15:00Z' }],
    };
    const lapsed = {
      ...offer,
      id: '10',
      extension: [...forBooked('7'), { url: HOLD_EXPIRY, valueInstant: '2026-12-01T09:59:00Z' }],
    };

    const lists = waitlistByBooked(bundle(booked, entry, lapsed, offer), NOW);

    expect([...lists.keys()]).toEqual(['7']);
    expect(lists.get('7').entry.id).toBe('8');
    expect(lists.get('7').offer.id).toBe('9');
    expect(isWaitlistAppointment(offer)).toBe(true);
    expect(isWaitlistAppointment(booked)).toBe(false);
    expect(waitlistFor({ extension: forBooked('7') })).toBe('7');
    expect(waitlistFor(booked)).toBeNull();
  });

  it('joins by the booked appointment and takes an offer with one $book that moves the booked one', async () => {
    const client = { request: vi.fn().mockResolvedValue({ resourceType: 'Appointment', status: 'waitlist' }) };

    await joinWaitlist(client, '7');

    expect(client.request).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'Appointment/7/$waitlist', method: 'POST' }),
    );
    expect(takeOfferParameters({ patientId: '3', offerId: '9', bookedId: '7' }).parameter).toEqual([
      { name: 'patient-reference', valueReference: { reference: 'Patient/3' } },
      { name: 'appointment-reference', valueReference: { reference: 'Appointment/9' } },
      { name: 'cancelled-appt-id', valueString: '7' },
    ]);
  });
});
