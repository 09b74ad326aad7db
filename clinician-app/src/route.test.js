import { describe, expect, it } from 'vitest';
import { lastDay, parseRoute, periodRange, routeHash, todayIn } from './route.js';

describe('the hash route', () => {
  it('is My day without a hash or with an unknown one', () => {
    expect(parseRoute('')).toEqual({ view: 'day' });
    expect(parseRoute('#/')).toEqual({ view: 'day' });
    expect(parseRoute('#/elsewhere?period=week')).toEqual({ view: 'day' });
  });

  it('reads the dashboard filters, with defaults for missing or unknown values', () => {
    expect(parseRoute('#/workload')).toEqual({
      view: 'workload',
      filters: { period: '4weeks', from: '', to: '', grouping: 'week', pool: '', location: '' },
    });
    expect(parseRoute('#/workload?period=month&grouping=day&pool=specialty%3Da%7Cb&location=12').filters).toEqual({
      period: 'month',
      from: '',
      to: '',
      grouping: 'day',
      pool: 'specialty=a|b',
      location: '12',
    });
    expect(parseRoute('#/workload?period=decade&grouping=year&location=..%2Fx%3F').filters).toMatchObject({
      period: '4weeks',
      grouping: 'week',
      location: '',
    });
  });

  it('keeps chosen dates only when both are whole dates in order', () => {
    expect(parseRoute('#/workload?period=custom&from=2026-11-01&to=2026-11-30').filters).toMatchObject({
      period: 'custom',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(parseRoute('#/workload?period=custom&from=2026-11-30&to=2026-11-01').filters.period).toBe('4weeks');
    expect(parseRoute('#/workload?period=custom&from=yesterday&to=2026-11-01').filters.period).toBe('4weeks');
    expect(parseRoute('#/workload?period=week&from=2026-11-01&to=2026-11-30').filters).toMatchObject({
      from: '',
      to: '',
    });
  });

  it('writes back what it reads, defaults left out', () => {
    expect(routeHash({ view: 'day' })).toBe('#/');
    expect(routeHash({ view: 'workload', filters: { period: '4weeks', grouping: 'week' } })).toBe('#/workload');
    const filters = {
      period: 'custom',
      from: '2026-11-01',
      to: '2026-11-30',
      grouping: 'day',
      pool: 'a=b|c;d=',
      location: '7',
    };
    const hash = routeHash({ view: 'workload', filters });
    expect(hash).toBe(
      '#/workload?period=custom&from=2026-11-01&to=2026-11-30&grouping=day&pool=a%3Db%7Cc%3Bd%3D&location=7',
    );
    expect(parseRoute(hash).filters).toEqual(filters);
    expect(routeHash({ view: 'workload', filters: { period: 'week', from: '2026-11-01', to: '2026-11-30' } })).toBe(
      '#/workload?period=week',
    );
  });
});

describe('periods as $workload asks them (end excluded)', () => {
  const today = '2026-12-05'; // a Saturday
  it('covers this ISO week, the last four or thirteen weeks, this month, or the chosen days', () => {
    expect(periodRange({ period: 'week' }, today)).toEqual({ start: '2026-11-30', end: '2026-12-07' });
    expect(periodRange({ period: '4weeks' }, today)).toEqual({ start: '2026-11-09', end: '2026-12-07' });
    expect(periodRange({ period: 'quarter' }, today)).toEqual({ start: '2026-09-07', end: '2026-12-07' });
    expect(periodRange({ period: 'month' }, today)).toEqual({ start: '2026-12-01', end: '2027-01-01' });
    expect(periodRange({ period: 'custom', from: '2026-02-01', to: '2026-02-28' }, today)).toEqual({
      start: '2026-02-01',
      end: '2026-03-01',
    });
    expect(lastDay({ start: '2026-02-01', end: '2026-03-01' })).toBe('2026-02-28');
  });

  it('counts a Monday and a Sunday in their own week', () => {
    expect(periodRange({ period: 'week' }, '2026-11-30')).toEqual({ start: '2026-11-30', end: '2026-12-07' });
    expect(periodRange({ period: 'week' }, '2026-12-06')).toEqual({ start: '2026-11-30', end: '2026-12-07' });
  });

  it('takes today in the clinic zone, not the browser’s', () => {
    const lateEvening = new Date('2026-12-06T03:30:00Z'); // Saturday 22:30 in New York, Sunday in UTC
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-12-05');
    expect(todayIn('UTC', lateEvening)).toBe('2026-12-06');
  });
});

describe('the availability route', () => {
  it('reads and writes the chosen provider; a bad id is dropped', () => {
    expect(parseRoute('#/availability?role=42')).toEqual({ view: 'availability', role: '42' });
    expect(parseRoute('#/availability?role=%3Cx%3E')).toEqual({ view: 'availability', role: '' });
    expect(routeHash({ view: 'availability', role: '42' })).toBe('#/availability?role=42');
    expect(routeHash({ view: 'availability' })).toBe('#/availability');
  });
});
