import { Alert, Breadcrumb, Card, Descriptions, Skeleton, Space, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { describeError } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../auth/session';
import { useOptions, useOrgUnits } from '../reference/reference';
import { useProblem } from './api';
import { HouseholdName } from './HouseholdName';
import { ProblemActions } from './ProblemActions';
import { ProblemHistory } from './ProblemHistory';
import { DueDate, SupervisedTag } from './ProblemTags';
import { SEVERITY_COLORS, STATUS_COLORS } from './rules';

/** One problem: what, whose, by when, its history, and the actions the caller's role has on it. */
export default function ProblemDetailPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const problem = useProblem(id);
  const { label } = useOptions();
  const org = useOrgUnits();
  const user = session.data;

  if (problem.isPending || !user) return <Skeleton active />;
  if (problem.isError) return <Alert type="error" showIcon title={describeError(problem.error)} />;
  const p = problem.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/problems">问题台账</Link> }, { title: '问题详情' }]} />
      <Card
        size="small"
        title={
          <Space wrap>
            <span data-testid="problem-title">{label('problemCategories', p.category)}</span>
            <Tag color={SEVERITY_COLORS[p.severity]}>{label('severities', p.severity)}</Tag>
            <Tag color={STATUS_COLORS[p.status]} data-testid="problem-status">
              {label('problemStatuses', p.status)}
            </Tag>
            <SupervisedTag problem={p} />
            {p.overdue && <Tag color="red">超期</Tag>}
          </Space>
        }
        extra={<ProblemActions problem={p} caller={user} />}
      >
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label="问题描述" span={3}>
            {p.description}
          </Descriptions.Item>
          <Descriptions.Item label="移民户">
            <HouseholdName problem={p} role={user.role} />
          </Descriptions.Item>
          <Descriptions.Item label="所在村">{org.name(p.villageId)}</Descriptions.Item>
          <Descriptions.Item label="上报人">{p.reporterName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="挂号时间">{formatDateTime(p.openedAt)}</Descriptions.Item>
          <Descriptions.Item label="承办单位">{p.unitId ? org.name(p.unitId) : '未交办'}</Descriptions.Item>
          <Descriptions.Item label="经办人">{p.ownerName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="办理时限">
            <DueDate problem={p} />
          </Descriptions.Item>
          <Descriptions.Item label="办结时间">{formatDateTime(p.resolvedAt)}</Descriptions.Item>
          <Descriptions.Item label="销号时间">{formatDateTime(p.closedAt)}</Descriptions.Item>
          <Descriptions.Item label="办结情况" span={2}>
            {p.resolution ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="复号次数">{p.reopenCount}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="办理记录">
        <ProblemHistory events={p.history ?? []} />
      </Card>
    </Space>
  );
}
