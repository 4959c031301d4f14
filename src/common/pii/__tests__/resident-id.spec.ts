import {
  makeResidentId,
  normalizeResidentId,
  RESIDENT_ID_MESSAGES,
  residentIdCheckChar,
  residentIdInfo,
  residentIdProblem,
} from '../resident-id';

const TODAY = '2026-11-27';
// Published GB 11643 examples: a woman born 1949-12-31 in Beijing, a man born 1880-01-01 in Guangdong.
const VALID = ['11010519491231002X', '440524188001010014'];

/** Every string that differs from `id` in exactly one character, using digits (and X in the last place). */
function singleCharacterCorruptions(id: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < id.length; i++) {
    const alphabet = i === 17 ? '0123456789X' : '0123456789';
    for (const c of alphabet) {
      if (c !== id[i]) out.push(id.slice(0, i) + c + id.slice(i + 1));
    }
  }
  return out;
}

describe('residentIdProblem (GB 11643)', () => {
  it.each(VALID)('accepts %s', (id) => {
    expect(residentIdProblem(id, TODAY)).toBeNull();
  });

  it('accepts a lower-case x check character and surrounding spaces', () => {
    expect(residentIdProblem(' 11010519491231002x ', TODAY)).toBeNull();
    expect(normalizeResidentId(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it.each(VALID)('rejects every single-character corruption of %s', (id) => {
    const corrupted = singleCharacterCorruptions(id);
    expect(corrupted).toHaveLength(17 * 9 + 10);
    const accepted = corrupted.filter((c) => residentIdProblem(c, TODAY) === null);
    expect(accepted).toEqual([]);
  });

  it('names a wrong check character as a checksum problem', () => {
    expect(residentIdProblem('110105194912310021', TODAY)).toBe('checksum');
    expect(residentIdProblem('440524188001010015', TODAY)).toBe('checksum');
  });

  it.each([
    ['too short', '11010519491231002'],
    ['too long', '11010519491231002X1'],
    ['letters', '1101051949123100AX'],
    ['X before the end', '1101051949123100X2'],
    ['leading zero area', '01010519491231002X'],
    ['empty', ''],
    ['15-digit first generation number', '110105491231002'],
    ['a digit too many in front', '111010519491231002X'],
    ['a letter in front', 'A11010519491231002X'],
  ])('rejects a malformed number (%s) as format', (_, id) => {
    expect(residentIdProblem(id, TODAY)).toBe('format');
  });

  // Built with a correct check character, so the date is the only thing wrong.
  it.each([
    ['February 30', '1949-02-30'],
    ['February 29 in a common year', '1950-02-29'],
    ['month 13', '1949-13-01'],
    ['month 00', '1949-00-10'],
    ['day 00', '1949-05-00'],
    ['day 32', '1949-01-32'],
    ['before 1850', '1849-12-31'],
  ])('rejects an impossible birth date (%s)', (_, date) => {
    const id = makeResidentId('433101', date, 12);
    expect(id).toHaveLength(18);
    expect(residentIdProblem(id, TODAY)).toBe('birthDate');
  });

  it('accepts the earliest birth date it knows, 1850-01-01', () => {
    expect(residentIdProblem(makeResidentId('433101', '1850-01-01', 12), TODAY)).toBeNull();
  });

  it('accepts February 29 in a leap year', () => {
    expect(residentIdProblem(makeResidentId('433101', '2000-02-29', 12), TODAY)).toBeNull();
  });

  it('rejects a birth date after today but accepts one born today', () => {
    expect(residentIdProblem(makeResidentId('433101', '2026-11-28', 13), TODAY)).toBe('birthDate');
    expect(residentIdProblem(makeResidentId('433101', '2030-01-01', 13), TODAY)).toBe('birthDate');
    expect(residentIdProblem(makeResidentId('433101', '2026-11-27', 13), TODAY)).toBeNull();
  });

  it('has a Chinese message for every problem', () => {
    for (const message of Object.values(RESIDENT_ID_MESSAGES)) expect(message).toMatch(/身份证号/);
  });
});

describe('residentIdInfo', () => {
  it('reads area, birth date and sex (odd 17th digit male, even female)', () => {
    expect(residentIdInfo('11010519491231002X')).toEqual({
      areaCode: '110105',
      birthDate: '1949-12-31',
      sex: 'female',
    });
    expect(residentIdInfo('440524188001010014')).toEqual({
      areaCode: '440524',
      birthDate: '1880-01-01',
      sex: 'male',
    });
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('sequence ending in %i gives the sex by parity', (digit) => {
    const id = makeResidentId('433101', '1980-03-15', 100 + digit);
    expect(residentIdInfo(id).sex).toBe(digit % 2 === 1 ? 'male' : 'female');
  });
});

describe('makeResidentId / residentIdCheckChar', () => {
  it('reproduces the check characters of the published examples', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
    expect(makeResidentId('110105', '1949-12-31', 2)).toBe('11010519491231002X');
  });

  it('builds numbers that validate', () => {
    for (let sequence = 0; sequence < 50; sequence++) {
      expect(residentIdProblem(makeResidentId('433124', '1990-06-15', sequence), TODAY)).toBeNull();
    }
  });
});
