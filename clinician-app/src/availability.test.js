import { describe, expect, it } from 'vitest';
import {
  AVAILABILITY_LOCATION,
  availabilityError,
  availableTimeOf,
  breaksOf,
  conflictQuery,
  formOf,
  hoursOf,
  newLeave,
  managesRole,
  providersOf,
  providersQueries,
  roleToSave,
  saveRequest,
  staffOf,
  validateHours,
  validateLeave,
  visitsToMove,
} from './availability.js';
import { t } from './i18n.js';

const STAFF = 'https://mediwox.org/fhir/CodeSystem/staff-role';
const staffRole = (id, code, organization = 'Organization/1') => ({
  resourceType: 'PractitionerRole',
  id,
  active: true,
  organization: { reference: organization },
  ...(code ? { code: [{ coding: [{ system: STAFF, code }] }] } : {}),
});

/** Monday to Friday 9–12 and 13–17 (a lunch break), Saturday 9–11 at North only. */
const ROLE = {
  resourceType: 'PractitionerRole',
  id: '42',
  meta: { versionId: '3' },
  active: true,
  availableTime: [
    {
      daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
      availableStartTime: '09:00:00',
      availableEndTime: '12:00:00',
    },
    {
      daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
      availableStartTime: '13:00:00',
      availableEndTime: '17:00:00',
    },
    {
      extension: [{ url: AVAILABILITY_LOCATION, valueReference: { reference: 'Location/7' } }],
      daysOfWeek: ['sat'],
      availableStartTime: '09:00:00',
      availableEndTime: '11:00:00',
    },
  ],
  notAvailable: [
    { description: 'Course', during: { start: '2026-12-21T13:00:00-05:00', end: '2026-12-21T17:00:00-05:00' } },
  ],
};

describe('who edits what', () => {
  it('makes a manager of a role coded manager, reaching their Organizations and their Locations', () => {
    const staff = staffOf([
      staffRole('9', 'manager', 'Organization/1'),
      { ...staffRole('10', null, 'Organization/2'), location: [{ reference: 'Location/8' }] },
    ]);
    expect(staff).toEqual({ manager: true, organizations: ['1'], locations: ['8'], ownRoleIds: ['9', '10'] });
    const urls = providersQueries(staff, '5').map((q) => q.url);
    expect(urls).toHaveLength(2);
    expect(urls[0]).toContain('organization=Organization%2F1');
    expect(urls[1]).toContain('location=Location%2F8');
    expect(urls.join(' ')).not.toContain('Organization%2F2');
  });

  it('searches only by Location for a manager whose manager role names no Organization', () => {
    const staff = staffOf([{ ...staffRole('9', 'manager', null), location: [{ reference: 'Location/8' }] }]);
    expect(staff.organizations).toEqual([]);
    expect(providersQueries(staff, '5').map((q) => q.url)).toEqual([expect.stringContaining('location=Location%2F8')]);
  });

  it('gives anyone else their own roles only; an inactive manager role counts for nothing', () => {
    const staff = staffOf([{ ...staffRole('9', 'manager'), active: false }, staffRole('10', 'front-desk')]);
    expect(staff.manager).toBe(false);
    const queries = providersQueries(staff, '5');
    expect(queries).toHaveLength(1);
    expect(queries[0].url).toContain('practitioner=Practitioner%2F5');
  });

  it('lists a manager only the roles at their places, whichever search found them, each once', () => {
    const staff = { manager: true, organizations: ['1'], locations: ['8'], ownRoleIds: ['9'] };
    const provider = (id, name, organization, location) => ({
      resource: {
        ...staffRole(id, null, organization),
        practitioner: { reference: `Practitioner/p${id}`, display: name },
        location: location ? [{ reference: location }] : [],
      },
    });
    const byOrganization = {
      entry: [
        provider('1', 'Dr. In The Clinic', 'Organization/1', 'Location/3'),
        provider('2', 'Dr. At My Location', 'Organization/2', 'Location/8'),
      ],
    };
    const byLocation = {
      entry: [
        provider('2', 'Dr. At My Location', 'Organization/2', 'Location/8'),
        // another clinic's role the server answered too (a search may find more): the rules say no
        provider('4', 'Dr. Elsewhere', 'Organization/2', 'Location/6'),
        // no Organization of its own, at a Location the clinic manages
        provider('5', 'Dr. Clinic Annex', null, 'Location/7'),
        { resource: { resourceType: 'Location', id: '7', managingOrganization: { reference: 'Organization/1' } } },
        { resource: { resourceType: 'Location', id: '6', managingOrganization: { reference: 'Organization/2' } } },
      ],
    };

    expect(providersOf([byOrganization, byLocation], { manager: true, staff }).map((p) => p.id)).toEqual([
      '2',
      '5',
      '1',
    ]);
  });

  it("decides a role by its Locations, its Organization and its Locations' managing Organization", () => {
    const staff = { organizations: ['1'], locations: ['8'] };
    const at = (location, organization) => ({
      resourceType: 'PractitionerRole',
      id: 'r',
      location: location ? [{ reference: location }] : [],
      ...(organization ? { organization: { reference: organization } } : {}),
    });
    const annex = new Map([
      ['Location/7', { resourceType: 'Location', managingOrganization: { reference: 'Organization/1' } }],
    ]);
    expect(managesRole(staff, at('Location/8', 'Organization/2'))).toBe(true);
    expect(managesRole(staff, at('Location/6', 'Organization/1'))).toBe(true);
    expect(managesRole(staff, at('Location/7', null), annex)).toBe(true);
    expect(managesRole(staff, at('Location/7', null))).toBe(false);
    expect(managesRole(staff, at('Location/6', 'Organization/2'))).toBe(false);
    expect(managesRole(staff, at(null, null))).toBe(false);
  });

  it('lists a manager the providers by name, specialty and place, not the front desk', () => {
    const bundle = {
      entry: [
        {
          resource: {
            ...staffRole('1', null),
            practitioner: { reference: 'Practitioner/2', display: 'Dr. Amara Okafor' },
            specialty: [{ coding: [{ display: 'General practice' }] }],
            location: [{ reference: 'Location/3' }],
          },
        },
        { resource: { resourceType: 'Location', id: '3', name: 'Mediwox Main Street' } },
        { resource: staffRole('4', 'front-desk') },
      ],
    };
    const staff = { manager: true, organizations: ['1'], locations: [] };
    expect(providersOf(bundle, { manager: true, staff }).map((p) => p.label)).toEqual([
      'Dr. Amara Okafor — General practice, Mediwox Main Street',
    ]);
    expect(providersOf(bundle, { manager: false })).toHaveLength(2);
  });
});

describe('weekly hours', () => {
  it('reads availableTime per weekday, with the location of hours at one place', () => {
    const hours = hoursOf(ROLE.availableTime);
    expect(hours.mon).toEqual([
      { start: '09:00', end: '12:00', location: '' },
      { start: '13:00', end: '17:00', location: '' },
    ]);
    expect(hours.sat).toEqual([{ start: '09:00', end: '11:00', location: 'Location/7' }]);
    expect(hours.sun).toEqual([]);
  });

  it('reads an entry without days as every day, allDay as 00:00 to 24:00', () => {
    const hours = hoursOf([{ allDay: true }]);
    expect(hours.sun).toEqual([{ start: '00:00', end: '24:00', location: '' }]);
    expect(availableTimeOf(hours)).toEqual([
      { daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], allDay: true },
    ]);
  });

  it('writes the same availableTime back: one entry per range, with its days', () => {
    expect(availableTimeOf(hoursOf(ROLE.availableTime))).toEqual(ROLE.availableTime);
  });

  it('names the break between two ranges of a day', () => {
    expect(breaksOf(hoursOf(ROLE.availableTime).mon)).toEqual([{ start: '12:00', end: '13:00' }]);
    expect(breaksOf([{ start: '09:00', end: '12:00' }])).toEqual([]);
  });

  it('refuses hours ending before they start, and overlapping ranges, saying which', () => {
    const hours = hoursOf([]);
    hours.tue = [{ start: '10:00', end: '09:00', location: '' }];
    hours.wed = [
      { start: '09:00', end: '12:00', location: '' },
      { start: '11:00', end: '14:00', location: '' },
    ];
    hours.thu = [{ start: '', end: '10:00', location: '' }];
    const problems = validateHours(hours);
    expect(problems.map((p) => [p.day, p.index, p.field, p.key])).toEqual([
      ['tue', 0, 'end', 'availability.endBeforeStart'],
      ['wed', 1, 'start', 'availability.overlap'],
      ['thu', 0, 'start', 'availability.badStart'],
    ]);
    const overlap = problems[1];
    expect(t('en', overlap.key, overlap.values)).toBe('11:00–14:00 overlaps 09:00–12:00 on the same day.');
    expect(t('es', overlap.key, overlap.values)).toContain('se solapa');
    expect(validateHours(hoursOf(ROLE.availableTime))).toEqual([]);
  });
});

describe('leave', () => {
  it('needs a reason and a last day on or after the first', () => {
    expect(validateLeave({ description: ' ', from: '2026-12-10', to: '2026-12-09' }).map((p) => p.key)).toEqual([
      'leave.noDescription',
      'leave.endBeforeStart',
    ]);
    expect(validateLeave({ description: 'Conference', from: '2026-12-10', to: '2026-12-10' })).toEqual([]);
    expect(validateLeave({ description: 'x', from: '', to: '' }).map((p) => p.key)).toEqual([
      'leave.noFrom',
      'leave.noTo',
    ]);
  });

  it('adds whole days as a Period of dates and keeps the stored leave as it was', () => {
    const form = formOf(ROLE);
    expect(form.leave[0].wholeDays).toBe(false);
    form.leave.push(newLeave({ description: 'Conference ', from: '2026-12-10', to: '2026-12-11' }));
    const saved = roleToSave(ROLE, form);
    expect(saved.notAvailable).toEqual([
      ROLE.notAvailable[0],
      { description: 'Conference', during: { start: '2026-12-10', end: '2026-12-11' } },
    ]);
    expect(saved.availableTime).toEqual(ROLE.availableTime);
    expect(saved.meta).toBeUndefined();
  });

  it('removes a leave, and all of it', () => {
    const form = formOf(ROLE);
    form.leave = [];
    expect(roleToSave(ROLE, form).notAvailable).toBeUndefined();
  });
});

describe('saving', () => {
  it('keeps the stored availableTime when the hours are unchanged, even if written otherwise', () => {
    const role = {
      ...ROLE,
      availableTime: [{ daysOfWeek: ['tue', 'mon'], availableStartTime: '09:00:00', availableEndTime: '12:00:00' }],
    };
    expect(roleToSave(role, formOf(role)).availableTime).toEqual(role.availableTime);
  });

  it('writes changed hours, and no availableTime when none are left', () => {
    const form = formOf(ROLE);
    form.hours.fri = [{ start: '09:00', end: '12:00', location: '' }];
    const saved = roleToSave(ROLE, form);
    expect(saved.availableTime[0].daysOfWeek).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(saved.availableTime[1].daysOfWeek).toEqual(['mon', 'tue', 'wed', 'thu']);
    for (const day of Object.keys(form.hours)) form.hours[day] = [];
    expect(roleToSave(ROLE, form).availableTime).toBeUndefined();
  });

  it('PUTs the role with If-Match on the version read', () => {
    const request = saveRequest(ROLE, formOf(ROLE));
    expect(request.method).toBe('PUT');
    expect(request.url).toBe('PractitionerRole/42');
    expect(request.headers['If-Match']).toBe('W/"3"');
    expect(JSON.parse(request.body).id).toBe('42');
  });

  it('says a 412 as changed by someone else, a refusal in the server’s words, a 5xx plainly', () => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [
        { severity: 'error', code: 'forbidden', diagnostics: 'HAPI-0334: Availability is edited by managers only' },
      ],
    };
    expect(availabilityError({ status: 412, message: '412 Precondition Failed' }, 'en')).toBe(
      t('en', 'availability.changed'),
    );
    expect(
      availabilityError({ status: 403, message: `403 Forbidden\nURL: x\n\n${JSON.stringify(outcome)}` }, 'en'),
    ).toBe('Availability is edited by managers only');
    expect(availabilityError({ status: 403, message: '403 Forbidden' }, 'es')).toBe(t('es', 'state.notAllowed'));
    expect(availabilityError({ status: 500, message: `500 x\n\n${JSON.stringify(outcome)}` }, 'en')).toBe(
      t('en', 'state.serverTrouble'),
    );
  });
});

describe('visits to move', () => {
  it('searches the open conflict Tasks of the role’s visits, with visit and patient', () => {
    const { url, headers } = conflictQuery('42');
    const p = new URLSearchParams(url.split('?')[1]);
    expect(p.get('code')).toBe('https://mediwox.org/fhir/CodeSystem/schedule-management|availability-conflict');
    expect(p.get('focus:Appointment.actor')).toBe('PractitionerRole/42');
    expect(p.getAll('_include')).toEqual(['Task:focus', 'Task:patient']);
    expect(headers['Cache-Control']).toBe('no-cache');
  });

  it('lists each still booked visit once with its patient, earliest first; moved or cancelled ones not', () => {
    const task = (id, appointment) => ({
      resourceType: 'Task',
      id,
      status: 'requested',
      focus: { reference: `Appointment/${appointment}` },
      for: { reference: 'Patient/p1' },
    });
    const appointment = (id, start, status = 'booked') => ({ resourceType: 'Appointment', id, start, status });
    const bundle = {
      entry: [
        task('t1', 'a1'),
        task('t2', 'a2'),
        task('t3', 'a3'),
        task('t4', 'a2'),
        { resource: appointment('a1', '2026-12-10T16:00:00Z') },
        { resource: appointment('a2', '2026-12-10T14:00:00Z') },
        { resource: appointment('a3', '2026-12-10T15:00:00Z', 'cancelled') },
        { resource: { resourceType: 'Patient', id: 'p1', name: [{ given: ['John'], family: 'Smith' }] } },
      ].map((e) => (e.resource ? e : { resource: e })),
    };
    expect(visitsToMove(bundle).map((v) => [v.appointmentId, v.patientName])).toEqual([
      ['a2', 'John Smith'],
      ['a1', 'John Smith'],
    ]);
  });
});
