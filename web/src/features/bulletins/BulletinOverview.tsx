import { Card, Col, Descriptions, Row, Statistic } from 'antd';
import { percent } from '../../lib/format';
import type { Bulletin } from './api';
import type { OpenCell } from './BulletinCellDrawer';
import { type TotalColumn, totalCell } from './cells';
import { points, RANKINGS } from './rankings';

/** The week's totals (a figure opens the households or problems behind it) and the bottom three (末三位). */
export function BulletinOverview({ bulletin, open }: { bulletin: Bulletin; open: OpenCell }) {
  const t = bulletin.totals;
  const figures: [string, string, string | number, TotalColumn | null, boolean?][] = [
    ['households', '移民户', t.households, 'households'],
    ['completion', '综合完成率', percent(t.completion), null],
    ['gain', '本周提升（百分点）', points(t.gain), 'gain'],
    ['signed', '签约率', percent(t.signedPercent), 'signedPercent'],
    ['closed', '本周销号', t.closed, 'closed'],
    ['closedOnTime', '其中按期', t.closedOnTime, 'closedOnTime'],
    ['onTime', '按期销号率', percent(t.onTimeRate), null],
    ['overdueProblems', '超期问题', t.overdueProblems, 'overdueProblems', t.overdueProblems > 0],
    ['overdueVisits', '逾期未走访户', t.overdueVisits, 'overdueVisits', t.overdueVisits > 0],
    ['supervised', '挂牌督办', t.supervised, 'supervised'],
    ['stalledUnits', '停滞单位', t.stalledUnits, null, t.stalledUnits > 0],
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card size="small" title="本周总体" data-testid="bulletin-totals">
          <Row gutter={[12, 12]}>
            {figures.map(([key, title, value, column, alarm]) => {
              const cell = column ? totalCell(t, column) : null;
              return (
                <Col
                  key={key}
                  xs={12}
                  md={8}
                  xl={6}
                  role={cell ? 'button' : undefined}
                  onClick={cell ? () => open(cell, `本周总体 · ${title}`) : undefined}
                  style={cell ? { cursor: 'pointer' } : undefined}
                >
                  <Statistic
                    title={title}
                    value={value}
                    styles={{ content: alarm ? { color: '#cf1322' } : undefined }}
                    data-testid={`bulletin-total-${key}`}
                  />
                </Col>
              );
            })}
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
