import { Alert, Card, Col, Empty, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/client';
import { formatDateTime, lastWeekStart } from '../../lib/format';
import { useSession } from '../auth/session';
import { useOptions } from '../reference/reference';
import {
  BULLETIN_READERS,
  useBulletin,
  usePlanningOverview,
  useReportChecks,
  useSummary,
  useSupervised,
  useTrends,
} from './api';
import { reportCheckAlert } from './report-check';
import { StageMatrix } from './StageMatrix';

const TrendChart = lazy(() => import('./TrendChart'));

export default function DashboardPage() {
  const session = useSession();
  const summary = useSummary();
  const trends = useTrends();
  const weekStart = lastWeekStart();
  const centre = BULLETIN_READERS.includes(session.data?.role ?? '');
  const bulletin = useBulletin(weekStart, centre);
  const checks = useReportChecks(centre);
  const checkAlert = checks.data ? reportCheckAlert(checks.data.items) : null;
  const supervised = useSupervised();
  const planning = usePlanningOverview(BULLETIN_READERS.includes(session.data?.role ?? ''));
  const planned = planning.data?.villages.filter((v) => v.moveDate !== null) ?? [];
  const { label } = useOptions();

  if (summary.isPending) return <Skeleton active />;
  if (summary.isError) return <Alert type="error" showIcon title={describeError(summary.error)} />;
  const s = summary.data;
  const link = (query: string, content: React.ReactNode) => (
    <Link to={`/households?${query}`}>{content}</Link>
  );
  // Times (the figure) and households (what the list behind it counts): 今日走访, 今日阶段推进.
  const timesAndHouseholds = (title: string, times: number, households: number, query: string) =>
    link(
      query,
      <Statistic
        title={title}
        value={times}
        suffix={<span className="figure-note">次 · {households} 户</span>}
      />,
    );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        挂图作战 · {s.date}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 12 }}>
          更新于 {formatDateTime(s.generatedAt)}
        </Typography.Text>
      </Typography.Title>
      {checkAlert && (
        <Alert
          type="error"
          showIcon
          data-testid="report-check-alert"
          title="日汇报核对发现不一致"
          description={
            <>
              {checkAlert.text} <Link to={`/cycle?date=${checkAlert.date}`}>查看该日汇报</Link>
            </>
          }
        />
      )}
      <Row gutter={[16, 16]} data-testid="today-figures">
        <Col xs={12} md={6} lg={3}>
          <Card size="small">{link('', <Statistic title="移民户" value={s.totals.households} />)}</Card>
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Card size="small">
            {link(
              'light=red',
              <Statistic
                title="红灯户"
                value={s.totals.lights.red}
                styles={{ content: { color: '#cf1322' } }}
              />,
            )}
          </Card>
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Card size="small">
            {link(
              'light=yellow',
              <Statistic
                title="黄灯户"
                value={s.totals.lights.yellow}
                styles={{ content: { color: '#d48806' } }}
              />,
            )}
          </Card>
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Card size="small">
            {link('onHold=true', <Statistic title="暂停推进" value={s.totals.onHold} />)}
          </Card>
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Card size="small">
            {timesAndHouseholds('今日走访', s.today.visits, s.today.householdsVisited, `visitedOn=${s.date}`)}
          </Card>
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Card size="small">
            {timesAndHouseholds(
              '今日阶段推进',
              s.today.advances,
              s.today.householdsAdvanced,
              `advancedOn=${s.date}`,
            )}
          </Card>
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Card size="small">
            <Link to="/problems?overdue=true" data-testid="problems-overdue">
              <Statistic
                title="超期问题"
                value={s.today.problemsOverdue}
                styles={{ content: { color: s.today.problemsOverdue ? '#cf1322' : undefined } }}
              />
            </Link>
          </Card>
        </Col>
        <Col xs={12} md={6} lg={3}>
          <Card size="small">
            <Link to="/approvals?tab=all" data-testid="approvals-pending">
              <Statistic title="待审批" value={s.today.approvalsPending} />
            </Link>
          </Card>
        </Col>
      </Row>
      <Card size="small" title="阶段 × 村 分布（点击数字查看对应移民户）">
        <StageMatrix summary={s} />
      </Card>
      {planned.length > 0 && (
        <Card
          size="small"
          title="搬迁节点：风险户与预计完成（按近14天进度）"
          extra={<Link to="/planning">搬迁节点倒排</Link>}
          data-testid="planning"
        >
          <List
            size="small"
            dataSource={planned}
            renderItem={(v) => (
              <List.Item>
                <Space size={8} wrap>
                  <Typography.Text strong>{v.villageName}</Typography.Text>
                  <span>节点 {v.moveDate}</span>
                  <Tag color={v.forecastLate ? 'red' : 'green'}>
                    预计完成 {v.forecastDate ?? '近14天无进展'}
                  </Tag>
                  <Link to="/planning">
                    风险户 {v.atRisk}（落后计划 {v.behindPlan}，无法按期 {v.cannotMakeMoveDate}）
                  </Link>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="近30天趋势">
            {trends.data ? (
              <Suspense fallback={<Skeleton active />}>
                <TrendChart trends={trends.data} />
              </Suspense>
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title={`上周通报末三位（${weekStart} 周）`} data-testid="bottom-three">
            {!BULLETIN_READERS.includes(session.data?.role ?? '') ? (
              <Empty description="周通报由指挥部、督导组查看" />
            ) : bulletin.data ? (
              <List
                size="small"
                dataSource={
                  [
                    ['村', bulletin.data.rankings.villages.bottom],
                    ['专班', bulletin.data.rankings.taskForces.bottom],
                    ['包户干部', bulletin.data.rankings.cadres.bottom],
                  ] as const
                }
                renderItem={([kind, bottom]) => (
                  <List.Item>
                    <Typography.Text strong>{kind}：</Typography.Text>
                    {bottom.length ? bottom.map((b) => `${b.rank}. ${b.name}`).join('　') : '无'}
                  </List.Item>
                )}
              />
            ) : (
              <Empty description={bulletin.isPending ? '加载中…' : '上周通报尚未生成'} />
            )}
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title="挂牌督办" data-testid="supervised">
            <List
              size="small"
              loading={supervised.isPending}
              locale={{ emptyText: '暂无挂牌督办问题' }}
              dataSource={supervised.data?.items ?? []}
              renderItem={(p) => (
                <List.Item>
                  <Space size={4} wrap>
                    {p.overdue && <Tag color="red">超期</Tag>}
                    <Tag>{label('severities', p.severity)}</Tag>
                    {label('problemCategories', p.category)}
                    <Typography.Text type="secondary" ellipsis style={{ maxWidth: 160 }}>
                      {p.description}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
