import { Button, Card, Col, Descriptions, Row, Spin, Tag, Tree, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { describeError } from '../../api/client';
import { useOrgUnits } from '../reference/reference';
import { AddOrgUnitForm } from './AddOrgUnitForm';
import { allKeys, buildOrgTree, KIND_LABELS, type OrgKind, type OrgNode, orgPath } from './org-tree';

const KIND_COLORS: Record<string, string> = {
  command_centre: 'red',
  township: 'blue',
  village: 'green',
  task_force: 'purple',
  unit: 'orange',
};

/** 组织机构 (admin): the tree from the flat list; choose a unit to add one under it. */
export default function OrgUnitsPage() {
  const org = useOrgUnits();
  const tree = useMemo(() => buildOrgTree(org.data ?? []), [org.data]);
  const [selected, setSelected] = useState<string | null>(null);
  // Collapsed rather than expanded keys: a unit added later shows without being opened by hand.
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const keys = useMemo(() => allKeys(tree), [tree]);
  const parent = selected ? (org.byId.get(selected) ?? null) : null;

  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card title="组织机构" size="small" extra={org.data ? `共 ${org.data.length} 个单位` : null}>
          {org.isError && <Typography.Text type="danger">{describeError(org.error)}</Typography.Text>}
          {org.isPending ? (
            <Spin />
          ) : (
            <Tree<OrgNode>
              blockNode
              showLine
              treeData={tree}
              expandedKeys={keys.filter((key) => !collapsed.has(key))}
              onExpand={(expanded) => setCollapsed(new Set(keys.filter((key) => !expanded.includes(key))))}
              selectedKeys={selected ? [selected] : []}
              onSelect={(chosen) => setSelected((chosen[0] as string | undefined) ?? null)}
              titleRender={(node) => (
                <span data-testid={`org-node-${node.title}`}>
                  {node.title}{' '}
                  <Tag color={KIND_COLORS[node.unit.kind]}>
                    {KIND_LABELS[node.unit.kind as OrgKind] ?? node.unit.kind}
                  </Tag>
                  {node.unit.code && <Typography.Text type="secondary">{node.unit.code}</Typography.Text>}
                </span>
              )}
              data-testid="org-tree"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card
          title={parent ? `在「${parent.name}」下添加` : '添加顶级单位'}
          size="small"
          extra={
            parent && (
              <Button size="small" onClick={() => setSelected(null)}>
                改为添加顶级单位
              </Button>
            )
          }
        >
          {parent && (
            <Descriptions
              size="small"
              column={1}
              style={{ marginBottom: 12 }}
              items={[
                { key: 'path', label: '上级单位', children: orgPath(parent.id, org.byId) },
                { key: 'kind', label: '类型', children: KIND_LABELS[parent.kind as OrgKind] ?? parent.kind },
                { key: 'code', label: '编码', children: parent.code ?? '—' },
              ]}
            />
          )}
          {!parent && (
            <Typography.Paragraph type="secondary">
              在左侧选择一个单位，可在其下添加乡镇、村、专班或单位。
            </Typography.Paragraph>
          )}
          <AddOrgUnitForm
            parent={parent}
            onCreated={() => setCollapsed((c) => new Set([...c].filter((key) => key !== parent?.id)))}
          />
        </Card>
      </Col>
    </Row>
  );
}
