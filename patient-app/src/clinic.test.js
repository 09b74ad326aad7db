import { describe, expect, it } from 'vitest';
import { rotationExplanation, rotationText } from './test-fixtures.js';
import {
  actorNames,
  bookingError,
  directory,
  distinctTimes,
  errorMessage,
  explanation,
  fairness,
  findParameters,
  photoOf,
  proposals,
  specialtyOf,
  spokenLanguages,
  whoAndWhere,
} from './booking.js';

const GP = { system: 'http://snomed.info/sct', code: '394814009', display: 'General practice' };
const DERM = { system: 'http://snomed.info/sct', code: '394582007', display: 'Dermatology' };

describe('the clinic directory', () => {
  it('lists each specialty of the active roles once (general practice first), places with address, providers with gender', () => {
    const bundle = {
      entry: [
        {
          resource: {
            resourceType: 'PractitionerRole',
            id: '1',
            active: true,
            specialty: [{ coding: [GP] }],
            practitioner: { reference: 'Practitioner/p1', display: 'Dr. Amara Okafor' },
            location: [{ reference: 'Location/m' }],
          },
        },
        { resource: { resourceType: 'PractitionerRole', id: '2', active: true, specialty: [{ coding: [DERM] }] } },
        { resource: { resourceType: 'PractitionerRole', id: '3', active: true, specialty: [{ coding: [GP] }] } },
        {
          resource: {
            resourceType: 'PractitionerRole',
            id: '4',
            active: false,
            specialty: [{ coding: [{ system: 's', code: 'x' }] }],
          },
        },
        {
          resource: {
            resourceType: 'Practitioner',
            id: 'p1',
            gender: 'female',
            communication: [
              { coding: [{ system: 'urn:ietf:bcp:47', code: 'en' }] },
              { coding: [{ system: 'urn:ietf:bcp:47', code: 'fr-CA' }] },
            ],
          },
        },
        { resource: { resourceType: 'Location', id: 'n', name: 'Mediwox North', status: 'active' } },
        {
          resource: {
            resourceType: 'Location',
            id: 'm',
            name: 'Mediwox Main Street',
            address: { line: ['100 Main Street'], city: 'Springfield' },
            telecom: [{ system: 'phone', value: '+12025550100' }],
          },
        },
        { resource: { resourceType: 'Location', id: 'old', name: 'Closed', status: 'inactive' } },
      ],
    };
    const { names, roles, genders, ...rest } = directory(bundle);
    expect(names.get('Location/n')).toBe('Mediwox North');
    expect(genders.get('PractitionerRole/1')).toBe('female');
    expect(roles.map((r) => r.reference)).toEqual(['PractitionerRole/2', 'PractitionerRole/3', 'PractitionerRole/1']);
    expect(roles.find((r) => r.reference === 'PractitionerRole/1')).toEqual({
      reference: 'PractitionerRole/1',
      name: 'Dr. Amara Okafor',
      specialties: ['http://snomed.info/sct|394814009'],
      locations: ['Location/m'],
      languages: ['en', 'fr'],
      photo: null,
    });
    expect(roles.find((r) => r.reference === 'PractitionerRole/3').languages).toEqual([]);
    expect(rest).toEqual({
      // not alphabetical: the visit most patients come for first
      specialties: [
        { token: 'http://snomed.info/sct|394814009', display: 'General practice' },
        { token: 'http://snomed.info/sct|394582007', display: 'Dermatology' },
      ],
      locations: [
        { id: 'm', name: 'Mediwox Main Street', address: '100 Main Street, Springfield', phone: '+12025550100' },
        { id: 'n', name: 'Mediwox North', address: null, phone: null },
      ],
    });
    expect(directory(undefined)).toEqual({
      specialties: [],
      locations: [],
      roles: [],
      genders: new Map(),
      names: new Map(),
    });
  });
});

describe('$find', () => {
  it('asks for two weeks of free times of a specialty, at a place when one is chosen, for the patient', () => {
    const from = new Date('2026-12-01T09:00:00Z');
    const body = findParameters({
      patientId: '7',
      specialty: 'http://snomed.info/sct|394814009',
      locationId: 'n',
      from,
    });
    expect(body.parameter).toEqual([
      { name: 'start', valueDateTime: '2026-12-01T09:00:00.000Z' },
      { name: 'end', valueDateTime: '2026-12-15T09:00:00.000Z' },
      { name: 'specialty', valueString: 'http://snomed.info/sct|394814009' },
      { name: 'location-reference', valueReference: { reference: 'Location/n' } },
      { name: 'patient-reference', valueReference: { reference: 'Patient/7' } },
      { name: '_count', valueInteger: 5 },
    ]);
    expect(findParameters({ specialty: 's', from }).parameter.map((p) => p.name)).toEqual([
      'start',
      'end',
      'specialty',
      '_count',
    ]);
  });

  it("asks for the free times of the week the patient looks at: $find's start and end", () => {
    const body = findParameters({
      specialty: 's',
      from: new Date('2026-12-12T05:00:00Z'),
      to: new Date('2026-12-19T05:00:00Z'),
      count: 60,
    });
    expect(body.parameter.slice(0, 2)).toEqual([
      { name: 'start', valueDateTime: '2026-12-12T05:00:00.000Z' },
      { name: 'end', valueDateTime: '2026-12-19T05:00:00.000Z' },
    ]);
    expect(body.parameter.at(-1)).toEqual({ name: '_count', valueInteger: 60 });
  });

  it('reads the proposals earliest first, with provider and place', () => {
    const proposal = (slot, start, role, place) => ({
      resource: {
        resourceType: 'Appointment',
        status: 'proposed',
        start,
        end: start.replace(':00:00', ':30:00'),
        slot: [{ reference: slot }],
        participant: [
          { actor: { reference: 'Patient/7' } },
          { actor: { reference: 'PractitionerRole/1', display: role } },
          { actor: { reference: 'Location/n', display: place } },
        ],
      },
    });
    const answer = {
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'return',
          resource: {
            entry: [
              proposal('Slot/2', '2026-12-01T10:00:00Z', 'Dr. B', 'North'),
              proposal('Slot/1', '2026-12-01T09:00:00Z', 'Dr. A', 'North'),
            ],
          },
        },
      ],
    };
    expect(proposals(answer)).toEqual([
      {
        key: 'Slot/1',
        start: '2026-12-01T09:00:00Z',
        end: '2026-12-01T09:30:00Z',
        provider: 'Dr. A',
        place: 'North',
        locationId: 'n',
        id: null,
        providerRef: 'PractitionerRole/1',
      },
      {
        key: 'Slot/2',
        start: '2026-12-01T10:00:00Z',
        end: '2026-12-01T10:30:00Z',
        provider: 'Dr. B',
        place: 'North',
        locationId: 'n',
        id: null,
        providerRef: 'PractitionerRole/1',
      },
    ]);
    expect(proposals({ resourceType: 'Bundle', type: 'searchset', entry: answer.parameter[0].resource.entry })).toEqual(
      proposals(answer),
    );
    expect(proposals({ resourceType: 'Parameters' })).toEqual([]);
    const anonymous = {
      resourceType: 'Parameters',
      parameter: [
        {
          name: 'return',
          resource: {
            entry: [
              {
                resource: {
                  resourceType: 'Appointment',
                  start: '2026-12-01T09:00:00Z',
                  end: '2026-12-01T09:30:00Z',
                  slot: [{ reference: 'Slot/1' }],
                  participant: [{ actor: { reference: 'PractitionerRole/1' } }, { actor: { reference: 'Location/n' } }],
                },
              },
            ],
          },
        },
      ],
    };
    const names = new Map([
      ['PractitionerRole/1', 'Dr. A'],
      ['Location/n', 'North'],
    ]);
    expect(proposals(anonymous, names)[0]).toMatchObject({ provider: 'Dr. A', place: 'North' });
  });
});

describe('times offered', () => {
  it('offers each start time and place once, with how many providers are free, at most the limit', () => {
    const p = (start, place, provider) => ({ key: `${start}${provider}`, start, end: `${start}+30`, place, provider });
    const offered = distinctTimes(
      [
        p('09:00', 'Main', 'Dr. A'),
        p('09:00', 'Main', 'Dr. B'),
        p('09:00', 'North', 'Dr. C'),
        p('09:30', 'Main', 'Dr. A'),
        p('10:00', 'Main', 'Dr. A'),
      ],
      3,
    );
    expect(offered).toEqual([
      { key: '09:00|Main', start: '09:00', end: '09:00+30', place: 'Main', providers: 2 },
      { key: '09:00|North', start: '09:00', end: '09:00+30', place: 'North', providers: 1 },
      { key: '09:30|Main', start: '09:30', end: '09:30+30', place: 'Main', providers: 1 },
    ]);
  });
});

describe('appointments', () => {
  it('names the provider and the place from the included resources when the participant has no display', () => {
    const appointment = {
      resourceType: 'Appointment',
      specialty: [{ coding: [GP] }],
      participant: [
        { actor: { reference: 'Patient/7' } },
        { actor: { reference: 'PractitionerRole/1' } },
        { actor: { reference: 'Location/n' } },
      ],
    };
    const names = actorNames({
      entry: [
        { resource: appointment },
        {
          resource: {
            resourceType: 'PractitionerRole',
            id: '1',
            practitioner: { reference: 'Practitioner/9', display: 'Dr. Ana Ruiz' },
          },
        },
        { resource: { resourceType: 'Location', id: 'n', name: 'Mediwox North' } },
        {
          resource: {
            resourceType: 'Practitioner',
            id: '9',
            name: [{ prefix: ['Dr.'], given: ['Ana'], family: 'Ruiz' }],
          },
        },
      ],
    });
    expect(names.get('Practitioner/9')).toBe('Dr. Ana Ruiz');
    expect(whoAndWhere(appointment, names)).toEqual({ provider: 'Dr. Ana Ruiz', place: 'Mediwox North' });
    expect(whoAndWhere(appointment)).toEqual({ provider: null, place: null });
    expect(specialtyOf(appointment)).toBe('http://snomed.info/sct|394814009');
    expect(specialtyOf({})).toBeNull();
  });
});

describe('why this provider', () => {
  const withExplanation = (parts) => ({
    extension: [{ url: 'https://mediwox.org/fhir/StructureDefinition/assignment-explanation', extension: parts }],
  });

  it("reads the pool's rotation and an urgent request from the explanation's values, never from its text", () => {
    const rotation = withExplanation([
      { url: 'method', valueCode: 'rotation' },
      { url: 'poolSize', valueInteger: 5 },
      { url: 'position', valueInteger: 2 },
      { url: 'text', valueString: 'Any words at all' },
    ]);
    expect(fairness(explanation(rotation))).toEqual({ key: 'book.whyRotation', values: { count: 5 } });
    const urgent = withExplanation([
      { url: 'method', valueCode: 'urgent-earliest' },
      { url: 'poolSize', valueInteger: 3 },
    ]);
    expect(fairness(explanation(urgent))).toEqual({ key: 'book.whyUrgent', values: {} });
  });

  it('says the provider was the next in turn with a free time when the rotation passed over others', () => {
    expect(fairness(explanation({ extension: [rotationExplanation] }))).toEqual({
      key: 'book.whyRotationLater',
      values: { count: 5 },
    });
  });

  it('leaves an explanation without structure to be shown as it is', () => {
    expect(fairness({ text: rotationText })).toBeNull();
    expect(fairness(null)).toBeNull();
  });
});

describe('errors', () => {
  it("shows the server's OperationOutcome, else the status line", () => {
    const outcome = {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'conflict', diagnostics: 'No free slot in the pool' }],
    };
    expect(
      errorMessage(new Error(`409 Conflict\nURL: http://x/fhir/Appointment/$book\n\n${JSON.stringify(outcome)}`)),
    ).toBe('No free slot in the pool');
    // a gateway's or the server's fault: never its raw text
    expect(errorMessage(new Error('503 Service Unavailable\nURL: http://x\n\n<html>'))).toBe(
      "The clinic's server had a problem. Please try again in a moment.",
    );
    expect(errorMessage(Object.assign(new Error('500 Server Error\n\n{}'), { status: 500 }), 'es')).toMatch(
      /^El servidor de la clínica ha tenido un problema/,
    );
    expect(errorMessage(new TypeError('Failed to fetch'))).toBe(
      "The clinic's server cannot be reached. Check your connection and try again.",
    );
    expect(errorMessage(new TypeError('Failed to fetch'), 'es')).toMatch(/^No se puede conectar/);
    expect(errorMessage('Something else')).toBe('Something else');
    const taken = Object.assign(new Error(`409 Conflict\nURL: x\n\n${JSON.stringify(outcome)}`), { status: 409 });
    expect(bookingError(taken)).toMatch(/^That time is no longer free/);
    expect(bookingError(taken, 'es')).toMatch(/^Esa hora ya no está libre/);
    expect(bookingError(new Error('400 Bad Request\nURL: x'))).toBe('400 Bad Request');
  });
});

describe('a provider in the directory', () => {
  it('speaks the languages of Practitioner.communication, each once, as base codes', () => {
    const practitioner = {
      communication: [
        { coding: [{ system: 'urn:ietf:bcp:47', code: 'es-MX' }] },
        { coding: [{ system: 'urn:ietf:bcp:47', code: 'es' }] },
        { text: 'Sign language' },
        { coding: [{ system: 'urn:ietf:bcp:47', code: 'EN' }] },
      ],
    };
    expect(spokenLanguages(practitioner)).toEqual(['es', 'en']);
    expect(spokenLanguages(undefined)).toEqual([]);
  });

  it('shows the directory photo (inline data or an address) and never makes one up', () => {
    expect(photoOf({ photo: [{ contentType: 'image/png', data: 'iVBORw0KGgo=' }] })).toBe(
      'data:image/png;base64,iVBORw0KGgo=',
    );
    expect(photoOf({ photo: [{ url: 'https://clinic.example/okafor.jpg' }] })).toBe(
      'https://clinic.example/okafor.jpg',
    );
    expect(photoOf({ photo: [{ contentType: 'application/pdf', data: 'JVBERi0=' }] })).toBeNull();
    expect(photoOf({})).toBeNull();
  });
});

describe('$find for several providers', () => {
  it('names each provider once, as one kind of actor repeated (OR)', () => {
    const body = findParameters({ specialty: 's', practitioner: ['PractitionerRole/1', 'PractitionerRole/2'] });
    expect(body.parameter.filter((p) => p.name === 'practitioner')).toEqual([
      { name: 'practitioner', valueReference: { reference: 'PractitionerRole/1' } },
      { name: 'practitioner', valueReference: { reference: 'PractitionerRole/2' } },
    ]);
    expect(findParameters({ specialty: 's', practitioner: '' }).parameter.some((p) => p.name === 'practitioner')).toBe(
      false,
    );
  });
});
