import { Alert, Button, Card, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { describeError } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../auth/session';
import { useOrgUnits } from '../reference/reference';
import { useLevelResponsibles, type LevelResponsible, type SetLevel } from './api';
import { SetResponsibleModal } from './SetResponsibleModal';

const ROLES: [SetLevel['role'], string][] = [
  ['village_leader', '包村领导'],
  ['task_force_leader', '工作队长'],
  ['backing_unit', '后盾单位'],
];

interface Row {
  scopeType: 'village' | 'task_force';
  scopeId: string;
  scopeName: string;
  roles: Map<string, LevelResponsible>;
}

/** 包保责任: who leads each village and task force (inherited by its households unless one sets its own). */
export default function ResponsibilityPage() {
  const session = useSession();
  const mayEdit = ['admin', 'commander'].includes(session.data?.role ?? '');
  const org = useOrgUnits();
  const levels = useLevelResponsibles();
  const [target, setTarget] = useState<Parameters<typeof SetResponsibleModal>[0]['target']>(null);
  const rows = useMemo<Row[]>(() => {
    const set = new Map<string, Map<string, LevelResponsible>>();
    for (const r of levels.data ?? []) {
      const roles = set.get(r.scopeId) ?? new Map();
      roles.set(r.role, r);
      set.set(r.scopeId, roles);
    }
    return (['village', 'task_force'] as const).flatMap((kind) =>
      org.ofKind(kind).map((u) => ({
        scopeType: kind,
        scopeId: u.value,
        scopeName: u.label,
        roles: set.get(u.value) ?? new Map(),
      })),
    );
  }, [levels.data, org]);
  if (levels.isError) return <Alert type="error" showIcon title={describeError(levels.error)} />;
  return (
    <Card size="small" title="包保责任（村、专班）">
      <Typography.Paragraph type="secondary">
        村、专班设置的包村领导、工作队长、后盾单位由其下各户继承（户内单独指定的除外）；每次变更记入交接记录和各户全程记录。
      </Typography.Paragraph>
      <Table<Row>
        rowKey="scopeId"
        size="small"
        loading={levels.isPending || org.isPending}
        dataSource={rows}
        pagination={{ pageSize: 50 }}
        data-testid="responsibility-levels"
        columns={[
          {
            title: '层级',
            dataIndex: 'scopeType',
            width: 70,
            render: (v: string) => (v === 'village' ? '村' : '专班'),
          },
          { title: '名称', dataIndex: 'scopeName' },
          ...ROLES.map(([role, roleLabel]) => ({
            title: roleLabel,
            key: role,
            render: (_: unknown, row: Row) => {
              const held = row.roles.get(role);
              return (
                <>
                  <span title={held ? `自 ${formatDateTime(held.since)}` : undefined}>
                    {held?.holder.name ?? '—'}
                  </span>
                  {mayEdit && (
                    <Button
                      type="link"
                      size="small"
                      onClick={() =>
                        setTarget({
                          scopeType: row.scopeType,
                          scopeId: row.scopeId,
                          scopeName: row.scopeName,
                          role,
                          roleLabel,
                        })
                      }
                    >
                      设置
                    </Button>
                  )}
                </>
              );
            },
          })),
        ]}
      />
      <SetResponsibleModal target={target} onClose={() => setTarget(null)} />
    </Card>
  );
}
