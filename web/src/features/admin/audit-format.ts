import type { AuditFilters } from './api';

/** What each audited action is called in the console. */
export const ACTION_LABELS: Record<string, string> = {
  create: '新建',
  update: '修改',
  deactivate: '停用',
  delete: '删除',
  login: '登录',
  password_change: '修改密码',
  import: '台账导入',
  export: '台账导出',
  reveal: '查看完整身份信息',
  assign: '分配包户干部',
  hold: '暂停推进',
  release: '恢复推进',
  stage_move: '阶段推进',
  stage_rollback: '阶段回退',
  intent_change: '意愿变更',
  approval_request: '提交审批',
  approval_approve: '审批通过',
  approval_reject: '审批驳回',
  approval_cancel: '撤回审批',
  visit: '走访',
  problem_open: '问题登记',
  problem_assign: '问题交办',
  problem_progress: '问题进展',
  problem_resolve: '问题办结',
  problem_satisfied: '群众满意（销号）',
  problem_unsatisfied: '群众不满意（复号）',
  problem_supervise: '挂牌督办',
  task_complete: '任务完成',
  duplicate_decide: '认定疑似重复人员',
  duplicate_merge: '合并重复人员',
  move_date_set: '设置搬迁节点',
  handover: '包保交接',
};

export const ENTITY_LABELS: Record<string, string> = {
  household: '移民户',
  user: '用户',
  org_unit: '组织机构',
  approval: '审批',
  problem: '问题',
  task: '任务',
  visit: '走访',
  ledger_import: '台账导入',
  ledger_export: '台账导出',
  village: '村（搬迁节点）',
  plan_batch: '搬迁批次',
};

const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  displayName: '姓名',
  role: '角色',
  orgUnitId: '所属单位',
  phone: '电话',
  active: '启用',
  password: '密码',
  name: '名称',
  kind: '类型',
  parentId: '上级单位',
  code: '编码',
  moveDate: '搬迁节点',
  headName: '户主姓名',
  headIdNumber: '户主身份证号',
  villageId: '村',
  townshipId: '乡镇',
  taskForceId: '专班',
  group: '组',
  address: '家庭住址',
  flags: '标识',
  house: '房屋',
  members: '家庭成员',
  cadreId: '包户干部',
  stage: '阶段',
  intent: '安置意愿',
  onHold: '暂停推进',
  holdReason: '暂停原因',
  light: '灯色',
  note: '备注',
  status: '状态',
  level: '审批层级',
  comment: '意见',
  severity: '紧急程度',
  category: '类别',
  unitId: '责任单位',
  ownerId: '责任人',
  dueAt: '期限',
  supervised: '挂牌督办',
  method: '方式',
  attitude: '态度',
  visitedAt: '走访时间',
  summary: '情况',
  // What _context carries
  file: '文件',
  sha256: '文件摘要',
  row: '行',
  sheet: '工作表',
  importId: '导入批次',
  filter: '筛选条件',
  reveal: '含完整信息',
  fields: '字段',
  created: '新增',
  updated: '更新',
  unchanged: '无变化',
  failed: '失败',
  format: '格式',
  source: '来源',
};

/** Which option list names a field's values (useOptions), and which fields hold an org unit or a user. */
const FIELD_LISTS: Record<string, string> = {
  role: 'roles',
  kind: 'orgUnitKinds',
  stage: 'stages',
  light: 'lights',
  holdReason: 'holdReasons',
  severity: 'severities',
  category: 'problemCategories',
  method: 'visitMethods',
  attitude: 'attitudes',
  flags: 'flags',
};
const ORG_FIELDS = new Set(['orgUnitId', 'parentId', 'villageId', 'townshipId', 'taskForceId', 'unitId']);
const USER_FIELDS = new Set(['cadreId', 'ownerId']);

export interface Lookup {
  /** The Chinese label of an option value, or the value itself. */
  option: (list: string, value: string) => string;
  orgName: (id: string) => string;
  userName: (id: string) => string;
}

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;
export const entityLabel = (type: string) => ENTITY_LABELS[type] ?? type;
export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

/** One value as a person reads it: labels for enums, names for ids, 是/否, （空） for nothing. */
export function formatValue(field: string, value: unknown, lookup: Lookup): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) {
    if (value.length === 0) return '（空）';
    return value.map((item) => formatValue(field, item, lookup)).join('、');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `${fieldLabel(k)}：${formatValue(k, v, lookup)}`)
      .join('，');
  }
  const text = String(value);
  if (FIELD_LISTS[field]) return lookup.option(FIELD_LISTS[field], text);
  if (ORG_FIELDS.has(field)) return lookup.orgName(text);
  if (USER_FIELDS.has(field)) return lookup.userName(text);
  return text;
}

export interface ChangeLine {
  field: string;
  label: string;
  /** null for 附加信息 lines (context), which have no before. */
  from: string | null;
  to: string;
}

/** An entry's `changes` (`{ field: { from, to } }` plus `_context`) as lines: 角色：督导组 → 指挥部. */
export function changeLines(changes: Record<string, unknown>, lookup: Lookup): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const [field, change] of Object.entries(changes)) {
    if (field === '_context') continue;
    const pair = (change ?? {}) as { from?: unknown; to?: unknown };
    lines.push({
      field,
      label: fieldLabel(field),
      from: formatValue(field, pair.from, lookup),
      to: formatValue(field, pair.to, lookup),
    });
  }
  const context = changes._context;
  if (context && typeof context === 'object') {
    for (const [field, value] of Object.entries(context as Record<string, unknown>)) {
      if (value === undefined) continue;
      lines.push({ field, label: fieldLabel(field), from: null, to: formatValue(field, value, lookup) });
    }
  }
  return lines;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * The API query for the URL's filters: business dates (Asia/Shanghai) become instants, `from` at the start of
 * its day and `to` at the start of the day after (the API's `to` is exclusive), so both days are included.
 */
export function auditQuery(filters: AuditFilters) {
  const { from, to, ...rest } = filters;
  return {
    ...rest,
    from: from && DAY.test(from) ? `${from}T00:00:00+08:00` : undefined,
    to: to && DAY.test(to) ? `${nextDay(to)}T00:00:00+08:00` : undefined,
  };
}

/** The verifier's reasons (English, stable) in Chinese; an unknown one is shown as it is. */
export function verifyReason(reason: string): string {
  const missingTail = reason.match(
    /^entries (\d+)[–-](\d+) are missing: a checkpoint recorded (\d+) entries$/,
  );
  if (missingTail)
    return `第 ${missingTail[1]}–${missingTail[2]} 条记录缺失：检查点记录了 ${missingTail[3]} 条（末尾记录被删除）`;
  const rewritten = reason.match(
    /^does not match (the given checkpoint|checkpoint): the chain was rewritten up to here$/,
  );
  if (rewritten)
    return `与${rewritten[1] === 'checkpoint' ? '检查点' : '所给检查点'}不符：此前的链被重新计算过（记录被篡改）`;
  const known: Record<string, string> = {
    'checkpoint does not verify: forged or altered': '检查点的签名不符：检查点被伪造或篡改',
    'missing entry before this one': '此条之前有记录缺失',
    'link to previous entry does not match': '与上一条记录的链接不符（记录被插入或删除）',
    'content does not match its hash': '内容与其哈希不符（记录被修改）',
  };
  return known[reason] ?? reason;
}
