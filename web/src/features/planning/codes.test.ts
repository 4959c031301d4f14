import { describe, expect, it } from 'vitest';
import { parseCodes } from './api';

describe('parseCodes (户编号 pasted from a ledger column or typed)', () => {
  it('splits on lines, spaces, commas and 、, in order, each code once', () => {
    expect(parseCodes('AZ-DL-0001\nAZ-DL-0002\r\nAZ-DL-0003')).toEqual([
      'AZ-DL-0001',
      'AZ-DL-0002',
      'AZ-DL-0003',
    ]);
    expect(parseCodes(' A1, A2，A3、A4;A5；A6\tA7 ')).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7']);
    expect(parseCodes('A1\nA2\nA1')).toEqual(['A1', 'A2']);
  });

  it('gives nothing for blank input', () => {
    expect(parseCodes('')).toEqual([]);
    expect(parseCodes(' \n , ')).toEqual([]);
  });
});
