import { useState } from 'react';
import { useNavigate } from 'react-router';
import { mobileDb } from '../data/db';
import { enqueue } from '../data/outbox';
import type { OutboxItem, SyncTask } from '../data/types';
import { useLive } from '../hooks';
import { compareText, formatTime, householdLabel } from '../labels';
import { syncNow } from '../sync/controller';
import { Button, Dialog, Empty, List, NavBar, Tabs, Tag, TextArea, Toast } from '../ui';

/** Today's business date (Asia/Shanghai), the tasks' due dates are in. */
function businessToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Marks a task done on the phone: it waits in the outbox like a visit, and goes out under its own key. */
async function completeOnPhone(task: SyncTask, label: string, note: string): Promise<void> {
  const db = mobileDb();
  const user = await db.user();
  if (!user) throw new Error('请先登录');
  await enqueue(db, {
    kind: 'task',
    userId: user.id,
    householdLabel: label,
    payload: { taskId: task.id, householdId: task.householdId ?? null, ...(note ? { note } : {}) },
  });
}

/** 我的任务 (the daily dispatch, from the delta) and 通知 (kept from the last online sync). */
export default function TasksScreen() {
  const navigate = useNavigate();
  const [completing, setCompleting] = useState<{ task: SyncTask; label: string } | null>(null);
  const [note, setNote] = useState('');
  const tasks = useLive(async () => {
    const db = mobileDb();
    const today = businessToday();
    // Due first: an open task past its date (carried over from an earlier day) heads the list.
    const open = (await db.tasks.toArray()).filter((t) => t.status === 'open');
    open.sort((a, b) => compareText(a.dueDate, b.dueDate));
    const households = new Map((await db.rows.toArray()).map((h) => [h.id, h]));
    // Completed on this phone, not yet confirmed by the server: the task stays listed, marked as waiting.
    const waiting = new Map<string, OutboxItem<'task'>['status']>();
    for (const item of await db.outbox.toArray())
      if (item.kind === 'task') waiting.set((item as OutboxItem<'task'>).payload.taskId, item.status);
    return open.map((task) => ({
      task,
      overdue: task.dueDate < today,
      household: task.householdId ? households.get(task.householdId) : undefined,
      waiting: waiting.get(task.id),
    }));
  }, []);

  const confirmComplete = async () => {
    if (!completing) return;
    try {
      await completeOnPhone(completing.task, completing.label, note.trim());
      Toast.show({
        icon: 'success',
        content: navigator.onLine ? '已标记完成，正在同步' : '已标记完成，联网后自动同步',
      });
      setCompleting(null);
      setNote('');
      void syncNow();
    } catch (caught) {
      Toast.show({ icon: 'fail', content: caught instanceof Error ? caught.message : String(caught) });
    }
  };
  const notes = useLive(() => mobileDb().notifications.orderBy('createdAt').reverse().toArray(), []);

  return (
    <>
      <NavBar back={null}>任务与通知</NavBar>
      <Tabs>
        <Tabs.Tab title={`待办任务${tasks?.length ? `（${tasks.length}）` : ''}`} key="tasks">
          {tasks && tasks.length === 0 && <Empty description="今天没有待办任务" />}
          <List>
            {tasks?.map(({ task, overdue, household, waiting }) => (
              <List.Item
                key={task.id}
                data-testid="task-item"
                data-task-id={task.id}
                onClick={household ? () => navigate(`/households/${household.id}`) : undefined}
                description={
                  <>
                    {`${household ? householdLabel(household) + ' · ' : ''}截止 ${task.dueDate}`}
                    {overdue && (
                      <Tag color="danger" style={{ marginLeft: 6 }}>
                        已逾期
                      </Tag>
                    )}
                  </>
                }
                extra={
                  waiting === 'pending' ? (
                    <Tag color="primary">已完成 · 待同步</Tag>
                  ) : waiting === 'rejected' ? (
                    <Tag color="danger">被退回，见同步</Tag>
                  ) : (
                    <Button
                      size="mini"
                      color="primary"
                      fill="outline"
                      onClick={(event) => {
                        event.stopPropagation();
                        setCompleting({
                          task,
                          label: household ? householdLabel(household) : task.instruction,
                        });
                      }}
                    >
                      完成
                    </Button>
                  )
                }
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
      <Dialog
        visible={completing !== null}
        title="标记任务完成"
        content={
          <>
            <div className="m-muted" style={{ marginBottom: 8 }}>
              {completing?.task.instruction}
            </div>
            <TextArea
              placeholder="办理情况（选填），如：已入户，户主同意签约"
              value={note}
              onChange={setNote}
              maxLength={500}
              rows={3}
              aria-label="办理情况"
            />
          </>
        }
        onClose={() => setCompleting(null)}
        actions={[
          [
            { key: 'cancel', text: '取消', onClick: () => setCompleting(null) },
            { key: 'done', text: '完成', bold: true, onClick: () => void confirmComplete() },
          ],
        ]}
      />
    </>
  );
}
