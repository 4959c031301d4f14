import { HOME } from '../App';
import { useNavigate, useParams } from 'react-router';
import { mobileDb } from '../data/db';
import { useLive } from '../hooks';
import { daysAgo, formatTime, KIND_LABELS, label, LIGHT_COLORS, LIGHT_LABELS, useOptions } from '../labels';
import { Button, Card, DotLoading, Empty, List, NavBar, Steps, Tag } from '../ui';

/** 户卡: who, where, stage progress, intent, last visits, open problems, what waits on the phone, and actions. */
export default function HouseholdScreen() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const options = useOptions();
  const household = useLive(async () => (await mobileDb().households.get(id)) ?? null, [id]);
  const waiting = useLive(() => mobileDb().outbox.where('householdId').equals(id).sortBy('createdAt'), [id]);
  const tasks = useLive(
    async () =>
      (await mobileDb().tasks.where('householdId').equals(id).toArray()).filter((t) => t.status === 'open'),
    [id],
  );

  if (household === undefined) return <DotLoading />;
  if (household === null)
    return (
      <>
        <NavBar onBack={() => navigate(HOME)}>户卡</NavBar>
        <Empty description="该户已不在您的包保名单中（可能已调整给其他干部）" />
      </>
    );

  const stages = options?.stages ?? [];
  const index = stages.findIndex((s) => s.value === household.stage);
  const window = stages.slice(Math.max(0, index - 1), index + 2);

  return (
    <>
      <NavBar onBack={() => navigate(-1)}>{household.headName}</NavBar>
      <Card className="m-section" title={`${household.headName}（${household.code}）`}>
        <div>
          <span className="m-light" style={{ background: LIGHT_COLORS[household.light] }} />
          {LIGHT_LABELS[household.light]}
          {household.lightReasons.length > 0 && (
            <span className="m-muted">
              ：{household.lightReasons.map((r) => label(options?.lightReasons, r)).join('、')}
            </span>
          )}
        </div>
        <div className="m-muted" style={{ marginTop: 6 }}>
          {household.villageName}
          {household.group ?? ''} {household.address ?? ''}
        </div>
        {household.phone && (
          <div style={{ marginTop: 6 }}>
            电话：<span>{household.phone}</span>
          </div>
        )}
        <div style={{ marginTop: 6 }}>上次走访：{daysAgo(household.lastVisitAt)}</div>
        {household.flags.length > 0 && (
          <div style={{ marginTop: 6, display: 'flex', gap: 4, flexWrap: 'wrap' }}>
            {household.flags.map((flag) => (
              <Tag key={flag} color="warning" fill="outline">
                {label(options?.flags, flag)}
              </Tag>
            ))}
          </div>
        )}
        {household.onHold && (
          <div className="m-error" style={{ marginTop: 6 }}>
            已暂停推进：{label(options?.holdReasons, household.holdReason)}
          </div>
        )}
      </Card>

      <Card className="m-section" title={`安置进度（第 ${index + 1} / ${stages.length || '?'} 步）`}>
        {window.length > 0 ? (
          <Steps current={window.findIndex((s) => s.value === household.stage)}>
            {window.map((s) => (
              <Steps.Step key={s.value} title={s.label} />
            ))}
          </Steps>
        ) : (
          label(stages, household.stage)
        )}
      </Card>

      <Card className="m-section" title="安置意愿">
        {household.intent ? (
          <>
            <div>{label(options?.intents, household.intent.option)}</div>
            <div className="m-muted">
              {household.intent.site ? `安置点：${household.intent.site} · ` : ''}
              {household.intent.livelihood
                ? `生计：${label(options?.livelihoods, household.intent.livelihood)} · `
                : ''}
              登记于 {formatTime(household.intent.recordedAt)}
            </div>
          </>
        ) : (
          <span className="m-muted">尚未登记</span>
        )}
      </Card>

      <div className="m-actions">
        <Button color="primary" onClick={() => navigate(`/households/${id}/visit`)}>
          记录走访
        </Button>
        <Button onClick={() => navigate(`/households/${id}/intent`)}>登记意愿</Button>
        <Button onClick={() => navigate(`/households/${id}/problem`)}>反映问题</Button>
        <Button onClick={() => navigate(`/households/${id}/stage`)} disabled={household.onHold}>
          申请下一阶段
        </Button>
      </div>

      {waiting && waiting.length > 0 && (
        <List
          header={`本机待同步（${waiting.length}）`}
          className="m-section"
          data-testid="household-waiting"
        >
          {waiting.map((item) => (
            <List.Item
              key={item.clientId}
              description={item.status === 'rejected' ? item.rejection?.message : formatTime(item.createdAt)}
              extra={
                item.status === 'rejected' ? (
                  <Tag color="danger">被退回</Tag>
                ) : (
                  <Tag color="primary">待同步</Tag>
                )
              }
              onClick={() => navigate('/sync')}
            >
              {KIND_LABELS[item.kind]}
            </List.Item>
          ))}
        </List>
      )}

      {tasks && tasks.length > 0 && (
        <List header="待办任务" className="m-section">
          {tasks.map((task) => (
            <List.Item key={task.id} description={`截止 ${task.dueDate}`}>
              {task.instruction}
            </List.Item>
          ))}
        </List>
      )}

      <List header={`未办结问题（${household.openProblems.length}）`} className="m-section">
        {household.openProblems.length === 0 && <List.Item>暂无</List.Item>}
        {household.openProblems.map((p) => (
          <List.Item
            key={p.id}
            description={`${label(options?.problemStatuses, p.status)} · 期限 ${formatTime(p.dueAt)}`}
            extra={
              <Tag color={p.severity === 'p1' ? 'danger' : 'default'}>
                {label(options?.severities, p.severity)}
              </Tag>
            }
          >
            {label(options?.problemCategories, p.category)}：{p.description}
          </List.Item>
        ))}
      </List>

      <List header="最近走访" className="m-section">
        {household.recentVisits.length === 0 && <List.Item>暂无</List.Item>}
        {household.recentVisits.map((v) => (
          <List.Item
            key={v.id}
            description={`${formatTime(v.visitedAt)} · ${label(options?.visitMethods, v.method)}${
              v.attitude ? ` · ${label(options?.attitudes, v.attitude)}` : ''
            }`}
          >
            {v.summary}
          </List.Item>
        ))}
      </List>
    </>
  );
}
