import { maskPhone, maskResidentId, maskSearchText } from '../masking';

describe('maskResidentId', () => {
  it('keeps the area code and the last four of an 18-digit number', () => {
    expect(maskResidentId('43310119800315123X')).toBe('433101********123X');
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });

  it('hides the birth date of a 15-digit first-generation number too', () => {
    expect(maskResidentId('110105491231002')).toBe('110105*****1002');
  });

  it('never shows any digit of a value too short to mask partially', () => {
    expect(maskResidentId('123456789')).toBe('*********');
  });

  it('never shows a value of ten characters or fewer in full', () => {
    expect(maskResidentId('1234567890')).toBe('**********');
    expect(maskResidentId('12345678901')).toBe('123456*8901');
  });

  it('passes missing values through as null (or empty)', () => {
    expect(maskResidentId(null)).toBeNull();
    expect(maskResidentId(undefined)).toBeNull();
    expect(maskResidentId('')).toBe('');
  });

  it('does not leak the birth date of any masked number', () => {
    const masked = maskResidentId('433101198003151236')!;
    expect(masked).not.toContain('19800315');
    expect(masked).toHaveLength(18);
  });
});

describe('maskPhone', () => {
  it('shows the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks longer numbers in the middle', () => {
    expect(maskPhone('074385212345')).toBe('074*****2345');
  });

  it('hides short numbers completely', () => {
    expect(maskPhone('123456')).toBe('******');
  });

  it('never shows a seven-digit (landline) number in full', () => {
    expect(maskPhone('8521234')).toBe('*******');
    expect(maskPhone('08521234')).toBe('085*1234');
  });

  it('passes missing values through', () => {
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
  });
});

describe('maskSearchText', () => {
  it('masks a searched resident ID (18 or 15 digits) and a phone, keeps other text', () => {
    expect(maskSearchText('43310119800315123X')).toBe('433101********123X');
    expect(maskSearchText('433101800315123')).toBe('433101*****5123');
    expect(maskSearchText('13812345678')).toBe('138****5678');
    expect(maskSearchText('龙 AZ-0001')).toBe('龙 AZ-0001');
  });
  it('masks every number inside longer text, and short digit runs stay', () => {
    expect(maskSearchText('龙13812345678/组12')).toBe('龙138****5678/组12');
  });
  it('does not keep a searched landline number readable', () => {
    expect(maskSearchText('查8521234')).toBe('查*******');
  });
  it('keeps the text right after a number (a 17-digit slip is not an ID with a letter)', () => {
    expect(maskSearchText('43310119800315123号')).toBe('433101*******5123号');
    expect(maskSearchText('43310119800315123x号')).toBe('433101********123x号');
  });
  it('passes missing values through', () => {
    expect(maskSearchText(undefined)).toBeNull();
    expect(maskSearchText('')).toBe('');
  });
});
