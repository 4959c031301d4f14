import { Space, Tag, Typography } from 'antd';
import { usePlan } from './detail-api';

/** 搬迁节点倒排 of one household: the move date that applies, and each remaining stage's planned date. */
export function HouseholdPlan({ id }: { id: string }) {
  const plan = usePlan(id);
  const p = plan.data;
  if (!p || p.moveDate === null) return null;
  return (
    <Space orientation="vertical" size={4} style={{ marginTop: 12 }} data-testid="household-plan">
      <Typography.Text>
        搬迁节点 <strong>{p.moveDate}</strong>
        {p.batch ? `（批次「${p.batch.name}」）` : '（本村）'}，距节点 {p.daysLeft} 天
        {p.remainingSteps > 0 &&
          (p.daysNeeded === null
            ? p.pace
              ? '；本村近14天无进展'
              : ''
            : `；按本村近14天进度还需约 ${p.daysNeeded} 天`)}
        {p.cannotMakeMoveDate && (
          <Tag color="red" style={{ marginLeft: 8 }}>
            无法按期搬迁
          </Tag>
        )}
      </Typography.Text>
      {p.stages.length > 0 && (
        <Space size={[4, 4]} wrap>
          {p.stages.map((stage) => (
            <Tag key={stage.stage} color={stage.behind ? 'gold' : undefined}>
              {stage.label} {stage.plannedDate}
              {stage.behind ? ' 已落后' : ''}
            </Tag>
          ))}
        </Space>
      )}
    </Space>
  );
}
