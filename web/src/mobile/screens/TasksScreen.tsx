import { useNavigate } from 'react-router';
import { mobileDb } from '../data/db';
import { useLive } from '../hooks';
import { formatTime, householdLabel } from '../labels';
import { Empty, List, NavBar, Tabs, Tag } from '../ui';

/** 我的任务 (the daily dispatch, from the delta) and 通知 (kept from the last online sync). */
/** Today's business date (Asia/Shanghai), the tasks' due dates are in. */
function businessToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export default function TasksScreen() {
  const navigate = useNavigate();
  const tasks = useLive(async () => {
    const db = mobileDb();
    const today = businessToday();
    // Due first: an open task past its date (carried over from an earlier day) heads the list.
    const open = (await db.tasks.toArray()).filter((t) => t.status === 'open');
    open.sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    const households = new Map((await db.households.toArray()).map((h) => [h.id, h]));
    return open.map((task) => ({
      task,
      overdue: task.dueDate < today,
      household: task.householdId ? households.get(task.householdId) : undefined,
    }));
  }, []);
  const notes = useLive(() => mobileDb().notifications.orderBy('createdAt').reverse().toArray(), []);

  return (
    <>
      <NavBar back={null}>任务与通知</NavBar>
      <Tabs>
        <Tabs.Tab title={`待办任务${tasks?.length ? `（${tasks.length}）` : ''}`} key="tasks">
          {tasks && tasks.length === 0 && <Empty description="今天没有待办任务" />}
          <List>
            {tasks?.map(({ task, overdue, household }) => (
              <List.Item
                key={task.id}
                onClick={household ? () => navigate(`/households/${household.id}`) : undefined}
                description={`${household ? householdLabel(household) + ' · ' : ''}截止 ${task.dueDate}`}
                extra={overdue ? <Tag color="danger">已逾期</Tag> : undefined}
              >
                {task.instruction}
              </List.Item>
            ))}
          </List>
        </Tabs.Tab>
        <Tabs.Tab title="通知" key="notifications">
          {notes && notes.length === 0 && <Empty description="暂无通知" />}
          <List>
            {notes?.map((note) => (
              <List.Item
                key={note.id}
                description={`${note.body} · ${formatTime(note.createdAt)}`}
                extra={note.readAt ? undefined : <Tag color="primary">未读</Tag>}
                onClick={
                  note.target?.type === 'household'
                    ? () => navigate(`/households/${note.target!.id}`)
                    : undefined
                }
              >
                {note.title}
              </List.Item>
            ))}
          </List>
        </Tabs.Tab>
      </Tabs>
    </>
  );
}
