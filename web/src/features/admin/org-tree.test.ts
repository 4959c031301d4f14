import { describe, expect, it } from 'vitest';
import type { OrgUnit } from '../reference/reference';
import { allKeys, buildOrgTree, kindsUnder, type OrgNode, orgPath } from './org-tree';

const unit = (
  id: string,
  name: string,
  kind: string,
  parentId: string | null,
  code: string | null = null,
): OrgUnit => ({
  id,
  name,
  kind,
  parentId,
  code,
});

const units = [
  unit('tf1', '第一移民专班', 'task_force', 'cc'),
  unit('v2', '德茹村', 'village', 'az', '433101100202'),
  unit('cc', '指挥部', 'command_centre', null),
  unit('v1', '大兴寨村', 'village', 'az', '433101100201'),
  unit('az', '矮寨镇', 'township', 'cc', '433101100'),
  unit('lost', '无上级单位', 'unit', 'gone'),
];

const shape = (nodes: OrgNode[]): unknown[] =>
  nodes.map((n) => (n.children.length ? { [n.title]: shape(n.children) } : n.title));

describe('the org tree from the flat list', () => {
  it('puts each unit under its parent: townships before task forces, villages by code', () => {
    expect(shape(buildOrgTree(units))).toEqual([
      { 指挥部: [{ 矮寨镇: ['大兴寨村', '德茹村'] }, '第一移民专班'] },
      '无上级单位',
    ]);
  });

  it('never loses a unit to a cycle or to itself as parent', () => {
    const looped = [unit('a', '甲', 'unit', 'b'), unit('b', '乙', 'unit', 'a'), unit('c', '丙', 'unit', 'c')];
    const tree = buildOrgTree(looped);
    expect(allKeys(tree).sort()).toEqual(['a', 'b', 'c']);
  });

  it('offers only the kinds the server accepts under a parent', () => {
    expect(kindsUnder(null)).toEqual(['command_centre', 'township', 'task_force', 'unit']);
    expect(kindsUnder('command_centre')).toEqual(['township', 'task_force', 'unit']);
    expect(kindsUnder('township')).toEqual(['village', 'unit']);
    expect(kindsUnder('village')).toEqual([]);
  });

  it('names a unit by its path', () => {
    const byId = new Map(units.map((u) => [u.id, u]));
    expect(orgPath('v1', byId)).toBe('指挥部 / 矮寨镇 / 大兴寨村');
    expect(orgPath('nope', byId)).toBe('');
  });
});
