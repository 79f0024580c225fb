import ical, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { sequenceOf, writeCalendar, type MeetingEvent } from './ics';

const event: MeetingEvent = {
  uid: '3f1c@dagsorden',
  sequence: 7,
  start: new Date('2026-06-10T16:15:00Z'),
  end: new Date('2026-06-10T17:45:00Z'),
  summary: 'Økonomiudvalget: Møde; budget, 2027',
  location: 'Rådhuset, lokale 398',
  description: 'Dagsorden:\n1. Budget\n   A) Personsag (lukket punkt)',
  url: 'https://dagsorden.example.dk/moeder/3f1c',
  updatedAt: new Date('2026-06-01T08:00:00Z'),
};

describe('writeCalendar', () => {
  it('writes an event that another reader parses back unchanged', () => {
    const ics = writeCalendar({ name: 'Dagsorden', events: [event], refreshMinutes: 60 });
    expect(ics).toContain('DTSTART:20260610T161500Z');
    expect(ics).toContain('SEQUENCE:7');
    expect(ics).toContain('DTSTAMP:20260601T080000Z');
    expect(ics).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    const [parsed] = Object.values(ical.sync.parseICS(ics)).filter(
      (component): component is VEvent => component?.type === 'VEVENT',
    );
    expect(parsed?.uid).toBe(event.uid);
    expect(parsed?.summary).toBe(event.summary);
    expect(parsed?.location).toBe(event.location);
    expect(parsed?.description).toBe(event.description);
    expect(parsed?.start.toISOString()).toBe(event.start.toISOString());
  });

  it('writes no control or bidi override character from stored text, and stays parseable', () => {
    const controls = '\u0001\u0007\u000B\u000C\u001B\u007F\u0085';
    const ics = writeCalendar({
      events: [
        {
          ...event,
          summary: `Økonomiudvalget: Møde${controls} om \u202Ebudget\u202C`,
          location: `Rådhuset\u0002, \u2066lokale 398\u2069`,
          description: `Dagsorden:\n1.\tBudget\u0003\r\n2. \u202DPersonsag\u001F`,
        },
      ],
    });
    expect(ics).not.toMatch(/(?![\t\n\r])\p{Cc}/u);
    expect(ics).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const [parsed] = Object.values(ical.sync.parseICS(ics)).filter(
      (component): component is VEvent => component?.type === 'VEVENT',
    );
    expect(parsed?.summary).toBe('Økonomiudvalget: Møde om budget');
    expect(parsed?.location).toBe('Rådhuset, lokale 398');
    expect(parsed?.description).toBe('Dagsorden:\n1.\tBudget\n2. Personsag');
  });
});

describe('sequenceOf', () => {
  it('counts the seconds from creation to the last change, never below 0', () => {
    const createdAt = new Date('2026-01-01T00:00:00Z');
    expect(sequenceOf({ createdAt, updatedAt: createdAt })).toBe(0);
    expect(sequenceOf({ createdAt, updatedAt: new Date('2026-01-01T00:01:30.900Z') })).toBe(90);
    expect(sequenceOf({ createdAt, updatedAt: new Date('2025-12-31T23:59:59Z') })).toBe(0);
  });
});
