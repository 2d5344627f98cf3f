import { describe, it, expect } from 'vitest';
import { campbellToa5, parseToa5, parseTob1 } from '@/lib/instruments/campbell-toa5';
import { tob1Header, toa5HeaderText } from '@/test/helpers/fixtures/campbell';

const head = (text: string | Buffer) => (typeof text === 'string' ? Buffer.from(text, 'latin1') : text).subarray(0, 512);

describe('campbellToa5 instrument kind', () => {
  it('describes itself', () => {
    expect(campbellToa5.kind).toBe('campbell-toa5');
    expect(campbellToa5.defaultPattern).toBe('**/*.dat');
    expect(campbellToa5.description).toMatch(/TOA5.*TOB1/);
  });

  it('picks the TOA5 or TOB1 parser from the first bytes, not the name', () => {
    expect(campbellToa5.parserFor('x.txt', head(toa5HeaderText({ variables: [] })))).toBe(parseToa5);
    expect(campbellToa5.parserFor('x.dat', head(tob1Header({ variables: [] })))).toBe(parseTob1);
    expect(campbellToa5.parserFor('x.dat', head('\uFEFF"TOA5","st"'.replace('\uFEFF', '\xEF\xBB\xBF')))).toBe(parseToa5);
    expect(campbellToa5.parserFor('x.dat', head('TOA5,station,CR1000'))).toBe(parseToa5);
  });

  it('returns null for anything else', () => {
    for (const other of ['"TOB3","st","CR3000"', '"TOA6"', 'CDF\x01', '\x89HDF\r\n\x1a\n', 'TIMESTAMP,RECORD', '', '"TOA']) {
      expect(campbellToa5.parserFor('x.dat', head(other)), JSON.stringify(other)).toBeNull();
    }
  });
});
