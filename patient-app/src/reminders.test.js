import { describe, expect, it, vi } from 'vitest';
import { choosePreference, delivers, readPreferences } from './reminders.js';

// the shape of OperationDefinition patient-notification-preferences (ig/), as its example response gives it
const answer = (...channels) => ({
  resourceType: 'Parameters',
  parameter: channels.map(({ system, address, enabled, problem }) => ({
    name: 'channel',
    part: [
      { name: 'system', valueCode: system },
      ...(address ? [{ name: 'address', valueString: address }] : []),
      { name: 'enabled', valueBoolean: enabled },
      ...(problem ? [{ name: 'problem', valueCode: problem }] : []),
    ],
  })),
});

describe('reminder channels', () => {
  it('reads each channel with its address, the choice and why it cannot deliver, email first', () => {
    const channels = readPreferences(
      answer(
        { system: 'sms', address: '555-0199', enabled: true, problem: 'not-e164' },
        { system: 'email', address: 'emily@example.org', enabled: false },
      ),
    );
    expect(channels).toEqual([
      { system: 'email', address: 'emily@example.org', enabled: false, problem: null },
      { system: 'sms', address: '555-0199', enabled: true, problem: 'not-e164' },
    ]);
    expect(channels.map(delivers)).toEqual([false, false]);
  });

  it('says a channel without an address delivers nothing, and ignores channels it does not know', () => {
    const channels = readPreferences(
      answer(
        { system: 'email', enabled: false, problem: 'no-address' },
        { system: 'fax', address: 'x', enabled: true },
      ),
    );
    expect(channels).toEqual([{ system: 'email', address: null, enabled: false, problem: 'no-address' }]);
  });

  it('changes one channel with a POST of its boolean and answers what the server stored', async () => {
    const client = {
      request: vi.fn().mockResolvedValue(answer({ system: 'sms', address: '+15555550123', enabled: false })),
    };
    const channels = await choosePreference(client, 'p1', 'sms', false);
    const call = client.request.mock.calls[0][0];
    expect(call.url).toBe('Patient/p1/$notification-preferences');
    expect(call.method).toBe('POST');
    expect(JSON.parse(call.body)).toEqual({
      resourceType: 'Parameters',
      parameter: [{ name: 'sms', valueBoolean: false }],
    });
    expect(channels).toEqual([{ system: 'sms', address: '+15555550123', enabled: false, problem: null }]);
  });
});
