import { makeResidentId } from '../../../common/pii/resident-id';
import { MemberInput, normalizeMembers } from '../household-members';

const HEAD_ID = makeResidentId('433101', '1955-01-01', 11); // odd sequence: male
const SPOUSE_ID = makeResidentId('433101', '1958-03-15', 22); // even: female
const CHILD_ID = makeResidentId('433101', '1985-07-20', 33); // male

const spouse: MemberInput = {
  name: '龙秀英',
  idNumber: SPOUSE_ID,
  sex: 'female',
  birthDate: '1958-03-15',
  relation: 'spouse',
  ethnicity: '06',
};
const child: MemberInput = {
  name: '龙小三',
  idNumber: CHILD_ID,
  sex: 'male',
  birthDate: '1985-07-20',
  relation: 'child',
};

describe('normalizeMembers', () => {
  it('derives the head from headName/headIdNumber when no head is listed, and puts the head first', () => {
    const { members, errors } = normalizeMembers('龙老三', HEAD_ID, [spouse, child]);
    expect(errors).toEqual([]);
    expect(members.map((m) => m.relation)).toEqual(['head', 'spouse', 'child']);
    expect(members[0]).toEqual({
      name: '龙老三',
      idNumber: HEAD_ID,
      sex: 'male',
      birthDate: '1955-01-01',
      relation: 'head',
    });
  });

  it('gives a household with no members list exactly its head', () => {
    const { members, errors } = normalizeMembers('龙老三', HEAD_ID, undefined);
    expect(errors).toEqual([]);
    expect(members).toHaveLength(1);
    expect(members[0].relation).toBe('head');
  });

  it('keeps a listed head (with its details) when it is the same person, and moves it first', () => {
    const listedHead: MemberInput = {
      name: '龙老三',
      idNumber: HEAD_ID.toLowerCase(),
      sex: 'male',
      birthDate: '1955-01-01',
      relation: 'head',
      ethnicity: '15',
    };
    const { members, errors } = normalizeMembers('龙老三', HEAD_ID, [spouse, listedHead]);
    expect(errors).toEqual([]);
    expect(members).toHaveLength(2);
    expect(members[0]).toMatchObject({ relation: 'head', idNumber: HEAD_ID, ethnicity: '15' });
  });

  it('normalizes ID numbers (trim, upper-case X)', () => {
    const id = makeResidentId('110105', '1949-12-31', 2); // ends in X
    const { members, errors } = normalizeMembers('龙老三', HEAD_ID, [
      { ...spouse, idNumber: ` ${id.toLowerCase()} `, birthDate: '1949-12-31' },
    ]);
    expect(errors).toEqual([]);
    expect(members[1].idNumber).toBe(id);
  });

  it('refuses two heads', () => {
    const { errors } = normalizeMembers('龙老三', HEAD_ID, [
      { ...child, relation: 'head', idNumber: HEAD_ID, birthDate: '1955-01-01' },
      { ...spouse, relation: 'head' },
    ]);
    expect(errors).toContainEqual({ field: 'members', message: '一户只能有一名户主' });
  });

  it('refuses a listed head who is not the person in headIdNumber', () => {
    const { errors } = normalizeMembers('龙老三', HEAD_ID, [spouse, { ...child, relation: 'head' }]);
    expect(errors).toContainEqual({
      field: 'members[1].idNumber',
      message: '户主的身份证号与 headIdNumber 不一致',
    });
  });

  it('refuses a sex that disagrees with the ID number, naming the field and the right sex', () => {
    const { errors } = normalizeMembers('龙老三', HEAD_ID, [{ ...spouse, sex: 'male' }]);
    expect(errors).toEqual([{ field: 'members[0].sex', message: '性别与身份证号不符（身份证号显示为女）' }]);
  });

  it('refuses a birth date that disagrees with the ID number', () => {
    const { errors } = normalizeMembers('龙老三', HEAD_ID, [child, { ...spouse, birthDate: '1958-03-16' }]);
    expect(errors).toEqual([
      { field: 'members[1].birthDate', message: '出生日期与身份证号不符（应为 1958-03-15）' },
    ]);
  });

  it('refuses the same ID number twice in one household', () => {
    const { errors } = normalizeMembers('龙老三', HEAD_ID, [spouse, child, { ...spouse, name: '龙二' }]);
    expect(errors).toContainEqual({ field: 'members[2].idNumber', message: '与第 1 名成员的身份证号重复' });
  });

  it('refuses the head listed again under another relation', () => {
    const { errors } = normalizeMembers('龙老三', HEAD_ID, [
      { ...child, idNumber: HEAD_ID, birthDate: '1955-01-01' },
    ]);
    expect(errors).toContainEqual({ field: 'members', message: '户主不能以其他关系重复列入成员' });
  });
});
