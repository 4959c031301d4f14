import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Space, Typography } from 'antd';
import { describeError } from '../../api/client';
import { type AuditVerifyResult, useVerifyAudit } from './api';
import { verifyReason } from './audit-format';

const short = (hash: string) => `${hash.slice(0, 16)}…`;

/**
 * 校验审计链 (admin): walks every sealed entry and holds it against the keyed checkpoints, and optionally against
 * one kept outside the database (the log's "audit checkpoint" line or a daily report's copy).
 */
export function AuditVerifyPanel() {
  const verify = useVerifyAudit();
  const [form] = Form.useForm<{ entries?: number; head?: string }>();
  const run = (external?: { entries: number; head: string }) => verify.mutate(external);
  return (
    <div style={{ marginBottom: 16 }}>
      <Space wrap align="start">
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => run()}
          data-testid="verify-audit"
        >
          校验审计链
        </Button>
        <Form
          form={form}
          layout="inline"
          onFinish={(values) =>
            values.entries && values.head && run({ entries: values.entries, head: values.head.trim() })
          }
        >
          <Form.Item name="entries" rules={[{ required: true, message: '条数' }]}>
            <InputNumber min={1} placeholder="检查点条数" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item
            name="head"
            rules={[{ required: true, pattern: /^\s*[0-9a-f]{64}\s*$/, message: '64 位十六进制哈希' }]}
          >
            <Input placeholder="检查点头哈希（日志或日报中）" style={{ width: 300 }} />
          </Form.Item>
          <Button htmlType="submit" disabled={verify.isPending}>
            对照外部检查点校验
          </Button>
        </Form>
      </Space>
      {verify.isError && (
        <Alert type="error" showIcon title={describeError(verify.error)} style={{ marginTop: 12 }} />
      )}
      {verify.data && <VerifyResult result={verify.data} />}
    </div>
  );
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const checkpoint = result.checkpoint ? (
    <Typography.Text>
      最新检查点：{result.checkpoint.entries} 条，头哈希{' '}
      <Typography.Text code copyable={{ text: result.checkpoint.head }}>
        {short(result.checkpoint.head)}
      </Typography.Text>
    </Typography.Text>
  ) : (
    <Typography.Text type="secondary">尚无检查点</Typography.Text>
  );
  if (result.ok)
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginTop: 12 }}
        title={`审计链完整：已校验 ${result.entries} 条记录，均未被修改、插入或删除`}
        description={checkpoint}
        data-testid="verify-result"
      />
    );
  const broken = result.brokenAt;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginTop: 12 }}
      title={
        broken
          ? `审计链在第 ${broken.sealIndex} 条${broken.id === null ? '' : `（记录编号 ${broken.id}）`}处断开：${verifyReason(broken.reason)}`
          : '审计链校验未通过'
      }
      description={
        <>
          <div>此前 {result.entries} 条记录校验通过。</div>
          {checkpoint}
        </>
      }
      data-testid="verify-result"
    />
  );
}
