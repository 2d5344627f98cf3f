import { describe, expect, it } from 'vitest';
import { makeTimeDecoder, RPG_EPOCH_MS } from '../../../../lib/instruments/rpg-hatpro/time';

const seconds = (wallMs: number) => (wallMs - RPG_EPOCH_MS) / 1000;

describe('RPG record times', () => {
  it('count seconds from 2001-01-01 UTC', () => {
    const decode = makeTimeDecoder(1);
    expect(decode(0)).toBe(Date.UTC(2001, 0, 1));
    expect(new Date(decode(644371254)).toISOString()).toBe('2021-06-03T00:00:54.000Z');
  });

  it('ignore the timezone when timeRef says UTC', () => {
    expect(makeTimeDecoder(1, 'Europe/Berlin')(0)).toBe(Date.UTC(2001, 0, 1));
  });

  it('read local time in the given IANA zone when timeRef is 0', () => {
    const decode = makeTimeDecoder(0, 'Europe/Berlin');
    expect(decode(seconds(Date.UTC(2021, 0, 23, 12)))).toBe(Date.UTC(2021, 0, 23, 11));
    expect(decode(seconds(Date.UTC(2021, 5, 3, 12)))).toBe(Date.UTC(2021, 5, 3, 10));
  });

  it('handle both sides of a daylight-saving change', () => {
    const decode = makeTimeDecoder(0, 'America/New_York');
    expect(decode(seconds(Date.UTC(2024, 2, 10, 1, 30)))).toBe(Date.UTC(2024, 2, 10, 6, 30));
    expect(decode(seconds(Date.UTC(2024, 2, 10, 3, 30)))).toBe(Date.UTC(2024, 2, 10, 7, 30));
    expect(decode(seconds(Date.UTC(2024, 10, 3, 3, 0)))).toBe(Date.UTC(2024, 10, 3, 8, 0));
  });

  it('default local time to UTC', () => {
    expect(makeTimeDecoder(0)(60)).toBe(Date.UTC(2001, 0, 1, 0, 1));
  });

  it('refuse an unknown zone with a message naming the option', () => {
    expect(() => makeTimeDecoder(0, 'Mars/Olympus_Mons')).toThrow(/Mars\/Olympus_Mons.*options\.timezone/);
  });
});
