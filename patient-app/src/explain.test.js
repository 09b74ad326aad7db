import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explanation } from './booking.js';
import { explanationDetails, SKIP_REASONS, skipReason } from './explain.js';
import { t } from './i18n.js';
import { rotationExplanation, rotationText } from './test-fixtures.js';

/** The codes of CodeSystem assignment-skip-reason as the IG defines them (the FSH source). */
function igSkipReasons() {
  const fsh = readFileSync(new URL('../../ig/input/fsh/extensions.fsh', import.meta.url), 'utf8');
  const block = fsh.slice(fsh.indexOf('CodeSystem: AssignmentSkipReason')).split(/\n\s*\n/)[0];
  return [...block.matchAll(/^\* #([\w-]+) /gm)].map((m) => m[1]);
}

/** The directory's names (with the Spanish title where the language asks for it). */
const directoryNames = { 'PractitionerRole/4': 'Dr. Luis Fernández', 'PractitionerRole/5': 'Dr. Amelia Chen' };
const nameOf = (reference) => directoryNames[reference] ?? null;
const rotation = explanation({ extension: [rotationExplanation] });

describe('Details of why this provider', () => {
  it('says how the rotation chose, who was skipped and why, in English', () => {
    expect(
      explanationDetails(rotation, {
        language: 'en',
        provider: 'Dr. Amelia Chen',
        kind: 'General practice',
        place: 'Mediwox Main Street',
        nameOf,
      }),
    ).toEqual([
      '5 providers see patients for General practice at Mediwox Main Street, and new appointments go to them in turn.',
      'This booking was turn 12 of the rotation, which fell on the provider in place 2 of 5.',
      'Dr. Luis Fernández was skipped: no free time in the days asked for.',
      'A time of Dr. Amelia Chen was skipped: you already have an appointment then.',
      'Dr. Amelia Chen was the next in turn with a free time.',
    ]);
  });

  it('says the same in Spanish', () => {
    expect(
      explanationDetails(rotation, {
        language: 'es',
        provider: 'Dra. Amelia Chen',
        kind: 'Medicina general',
        place: 'Mediwox Main Street',
        // as the app names them in Spanish: the title by the directory's gender
        nameOf: (reference) => nameOf(reference)?.replace('Dr. Amelia', 'Dra. Amelia') ?? null,
      }),
    ).toEqual([
      '5 profesionales atienden Medicina general en Mediwox Main Street, y las citas nuevas se les asignan por turno.',
      'Esta reserva fue el turno 12 de la rotación, que correspondía al profesional en el puesto 2 de 5.',
      'Se saltó a Dr. Luis Fernández: no tenía horas libres en los días pedidos.',
      'Se saltó una hora de Dra. Amelia Chen: usted ya tiene una cita a esa hora.',
      'Dra. Amelia Chen era el siguiente en turno con una hora libre.',
    ]);
  });

  it("never says the server's sentence, and names a provider missing from the directory in general words", () => {
    for (const language of ['en', 'es']) {
      const lines = explanationDetails(rotation, { language, kind: 'x' });
      expect(lines.join(' ')).not.toContain('Rotation turn');
      expect(lines.join(' ')).not.toContain(rotationText);
      // no directory: the display the server gave the assigned provider, "another provider" for one without
      expect(lines.at(-1)).toContain('Dr. Amelia Chen');
      expect(lines[2]).toMatch(language === 'en' ? /^Another provider was skipped/ : /^Se saltó a otro profesional/);
    }
  });

  it('says the first in turn plainly when nobody was skipped, and several times of one provider once', () => {
    const plain = {
      method: 'rotation',
      poolSize: 3,
      turn: 0,
      position: 1,
      assigned: { reference: 'PractitionerRole/4' },
      skipped: [
        { provider: { reference: 'PractitionerRole/4' }, reason: 'slot-taken', slot: { reference: 'Slot/1' } },
        { provider: { reference: 'PractitionerRole/4' }, reason: 'slot-taken', slot: { reference: 'Slot/2' } },
      ],
    };
    const lines = explanationDetails(plain, { language: 'en', kind: 'Dermatology', nameOf });
    expect(lines).toEqual([
      '3 providers see patients for Dermatology, and new appointments go to them in turn.',
      'This booking was turn 1 of the rotation, which fell on the provider in place 1 of 3.',
      '2 times of Dr. Luis Fernández were skipped: that time had just been taken.',
      'Dr. Luis Fernández was next in turn.',
    ]);
    expect(explanationDetails(plain, { language: 'es', kind: 'Dermatología', nameOf })).toContain(
      'Se saltaron 2 horas de Dr. Luis Fernández: esa hora se acababa de reservar.',
    );
  });

  it("explains an urgent request's earliest time in English and Spanish", () => {
    const urgent = {
      method: 'urgent-earliest',
      poolSize: 4,
      assigned: { reference: 'PractitionerRole/5' },
      skipped: [],
    };
    expect(
      explanationDetails(urgent, { language: 'en', kind: 'General practice', place: 'Mediwox North', nameOf }),
    ).toEqual([
      'Urgent: you got the earliest free time of any of the 4 providers for General practice at Mediwox North, not the next in turn.',
    ]);
    expect(explanationDetails(urgent, { language: 'es', kind: 'Medicina general', nameOf })).toEqual([
      'Urgente: tiene la primera hora libre de cualquiera de los 4 profesionales de Medicina general, no el siguiente en turno.',
    ]);
  });

  it('has no Details for an explanation stored as text alone', () => {
    expect(explanationDetails({ text: rotationText }, { language: 'en', kind: 'x' })).toEqual([]);
    expect(explanationDetails(null, { language: 'es', kind: 'x' })).toEqual([]);
  });

  it('has a reason in English and Spanish for every code of the CodeSystem assignment-skip-reason', () => {
    const codes = igSkipReasons();
    expect(codes.length).toBeGreaterThan(0);
    expect([...SKIP_REASONS].sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(skipReason(code, 'es')).not.toBe(skipReason(code, 'en'));
      expect(skipReason(code, 'en')).not.toBe(t('en', 'why.reason.other'));
    }
    expect(skipReason('something-new', 'es')).toBe('no estaba disponible para esta reserva');
  });
});
