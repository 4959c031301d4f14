import { Card, Col, Descriptions, Row, Statistic } from 'antd';
import { percent } from '../../lib/format';
import type { Bulletin } from './api';
import { points, RANKINGS } from './rankings';

/** The week's totals and the bottom three (末三位) of every ranking. */
export function BulletinOverview({ bulletin }: { bulletin: Bulletin }) {
  const t = bulletin.totals;
  const figures: [string, string, React.ReactNode, boolean?][] = [
    ['households', '移民户', t.households],
    ['completion', '综合完成率', percent(t.completion)],
    ['gain', '本周提升（百分点）', points(t.gain)],
    ['signed', '签约率', percent(t.signedPercent)],
    ['closed', '本周销号', `${t.closed}（按期 ${t.closedOnTime}）`],
    ['onTime', '按期销号率', percent(t.onTimeRate)],
    ['overdueProblems', '超期问题', t.overdueProblems, t.overdueProblems > 0],
    ['overdueVisits', '逾期未走访户', t.overdueVisits, t.overdueVisits > 0],
    ['supervised', '挂牌督办', t.supervised],
    ['stalledUnits', '停滞单位', t.stalledUnits, t.stalledUnits > 0],
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card size="small" title="本周总体" data-testid="bulletin-totals">
          <Row gutter={[12, 12]}>
            {figures.map(([key, title, value, alarm]) => (
              <Col key={key} xs={12} md={8} xl={6}>
                <Statistic
                  title={title}
                  value={value as string | number}
                  styles={{ content: alarm ? { color: '#cf1322' } : undefined }}
                  data-testid={`bulletin-total-${key}`}
                />
              </Col>
            ))}
          </Row>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title="末三位" data-testid="bottom-three">
          <Descriptions
            column={1}
            size="small"
            items={RANKINGS.map(([key, label]) => {
              const bottom = bulletin.rankings[key].bottom;
              return {
                key,
                label,
                children: bottom.length ? bottom.map((b) => `${b.rank}. ${b.name}`).join('　') : '无',
              };
            })}
          />
        </Card>
      </Col>
    </Row>
  );
}
