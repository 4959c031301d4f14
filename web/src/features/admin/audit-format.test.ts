import { describe, expect, it } from 'vitest';
import {
  actionLabel,
  auditQuery,
  changeLines,
  entityLabel,
  formatValue,
  type Lookup,
  verifyReason,
} from './audit-format';

const LABELS: Record<string, string> = {
  'roles:supervisor': '督导组',
  'roles:commander': '指挥部',
  'flags:low_income': '低保',
  u1: '矮寨镇',
  p1: '张三',
};
const lookup: Lookup = {
  option: (list, value) => LABELS[`${list}:${value}`] ?? value,
  orgName: (id) => LABELS[id] ?? id,
  userName: (id) => LABELS[id] ?? id,
};

describe('audit entries as people read them', () => {
  it('names actions and entity types in Chinese, unknown ones as they are', () => {
    expect(actionLabel('create')).toBe('新建');
    expect(actionLabel('problem_satisfied')).toBe('群众满意（销号）');
    expect(actionLabel('something_new')).toBe('something_new');
    expect(entityLabel('org_unit')).toBe('组织机构');
  });

  it('shows each changed field as before → after, with labels and names for ids', () => {
    const changes = {
      role: { from: 'supervisor', to: 'commander' },
      orgUnitId: { from: null, to: 'u1' },
      active: { from: true, to: false },
      flags: { from: [], to: ['low_income'] },
      cadreId: { from: 'p1', to: 'p9' },
    };
    expect(changeLines(changes, lookup).map((l) => `${l.label}：${l.from} → ${l.to}`)).toEqual([
      '角色：督导组 → 指挥部',
      '所属单位：（空） → 矮寨镇',
      '启用：是 → 否',
      '标识：（空） → 低保',
      '包户干部：张三 → p9',
    ]);
  });

  it('adds what the context says, without a before', () => {
    const lines = changeLines(
      {
        _context: {
          file: '台账.xlsx',
          created: 3,
          filter: { villageId: 'u1', q: undefined },
          visitId: undefined,
        },
      },
      lookup,
    );
    expect(lines).toEqual([
      { field: 'file', label: '文件', from: null, to: '台账.xlsx' },
      { field: 'created', label: '新增', from: null, to: '3' },
      { field: 'filter', label: '筛选条件', from: null, to: '村：矮寨镇' },
    ]);
    expect(formatValue('password', 'changed', lookup)).toBe('changed');
    expect(formatValue('note', '', lookup)).toBe('（空）');
  });

  it('turns the URL dates into Beijing-time instants, the end date included', () => {
    expect(auditQuery({ from: '2026-11-01', to: '2026-11-30', page: 2, entityType: 'user' })).toEqual({
      entityType: 'user',
      page: 2,
      from: '2026-11-01T00:00:00+08:00',
      to: '2026-12-01T00:00:00+08:00',
    });
    expect(auditQuery({ from: 'yesterday' })).toEqual({ from: undefined, to: undefined });
    expect(auditQuery({ to: '2026-12-31' }).to).toBe('2027-01-01T00:00:00+08:00');
  });

  it('explains where the chain broke in Chinese', () => {
    expect(verifyReason('content does not match its hash')).toBe('内容与其哈希不符（记录被修改）');
    expect(verifyReason('entries 41–45 are missing: a checkpoint recorded 45 entries')).toBe(
      '第 41–45 条记录缺失：检查点记录了 45 条（末尾记录被删除）',
    );
    expect(verifyReason('does not match the given checkpoint: the chain was rewritten up to here')).toContain(
      '所给检查点',
    );
    expect(verifyReason('something else')).toBe('something else');
  });
});
