import { Tag } from 'antd';
import { useNavigate } from 'react-router';
import type { Summary } from './api';

type Village = Summary['villages'][number];

/**
 * 挂图作战: households per stage per village (grouped by township), with the lights; every number opens the
 * household list behind it. A plain table, not antd's Table: the matrix neither sorts, filters nor pages, and
 * Table's code (with the tree, checkbox and pagination it brings) would be a sixth of the dashboard's first load.
 */
export function StageMatrix({ summary }: { summary: Summary }) {
  const navigate = useNavigate();
  const open = (query: Record<string, string>) => navigate(`/households?${new URLSearchParams(query)}`);
  const cell = (count: number, query: Record<string, string>, testId?: string) =>
    count === 0 ? (
      <span className="matrix-zero">0</span>
    ) : (
      <a
        className="matrix-cell"
        data-testid={testId}
        href={`/households?${new URLSearchParams(query)}`}
        onClick={(event) => {
          event.preventDefault();
          void open(query);
        }}
      >
        {count}
      </a>
    );

  const rows: Village[] = [...summary.villages].sort(
    (a, b) =>
      (a.townshipName ?? '').localeCompare(b.townshipName ?? '', 'zh-Hans-CN') ||
      a.villageName.localeCompare(b.villageName, 'zh-Hans-CN'),
  );
  return (
    <div className="stage-matrix" data-testid="stage-matrix">
      <table>
        <thead>
          <tr>
            <th className="sticky-1">乡镇</th>
            <th className="sticky-2">村</th>
            {summary.stages.map((stage) => (
              <th key={stage.stage}>{stage.label}</th>
            ))}
            <th>合计</th>
            <th>红/黄/绿</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.villageId}>
              <td className="sticky-1">{row.townshipName ?? '—'}</td>
              <td className="sticky-2">{row.villageName}</td>
              {summary.stages.map((stage) => (
                <td key={stage.stage} className="count">
                  {cell(
                    row.stages[stage.stage] ?? 0,
                    { villageId: row.villageId, stage: stage.stage },
                    `cell-${row.villageId}-${stage.stage}`,
                  )}
                </td>
              ))}
              <td className="count">{cell(row.households, { villageId: row.villageId })}</td>
              <td className="lights">
                <Tag color="red">{cell(row.lights.red, { villageId: row.villageId, light: 'red' })}</Tag>
                <Tag color="gold">
                  {cell(row.lights.yellow, { villageId: row.villageId, light: 'yellow' })}
                </Tag>
                <Tag color="green">
                  {cell(row.lights.green, { villageId: row.villageId, light: 'green' })}
                </Tag>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
