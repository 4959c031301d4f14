import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Spin, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../api/client';
import { type ImportResult, TEMPLATE_PATH, useLedgerImport } from './api';
import { DownloadButton } from '../../components/DownloadButton';
import { ImportReport } from './ImportReport';
import { acceptedFile, writable } from './ledger-report';

/**
 * Template, then a dry run of the chosen file (nothing written), then 确认导入: the same file for real.
 * The file stays in the page between the two, so what is imported is exactly what was checked.
 */
export function ImportPanel() {
  const { message } = App.useApp();
  const importer = useLedgerImport();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [imported, setImported] = useState<ImportResult | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const run = async (chosen: File, dryRun: boolean) => {
    setRefusal(null);
    try {
      const result = await importer.mutateAsync({ file: chosen, dryRun });
      if (dryRun) setChecked(result);
      else {
        setImported(result);
        message.success(`导入完成：新增 ${result.created} 户，更新 ${result.updated} 户`);
      }
    } catch (error) {
      // A file refused whole (format, size, missing columns): nothing was written.
      setRefusal(describeError(error));
    }
  };
  const choose = (chosen: File) => {
    if (!acceptedFile(chosen.name)) {
      message.error('请选择 .xlsx 或 .csv 格式的台账文件');
      return;
    }
    setFile(chosen);
    setChecked(null);
    setImported(null);
    void run(chosen, true);
  };
  const reset = () => {
    setFile(null);
    setChecked(null);
    setImported(null);
    setRefusal(null);
  };

  return (
    <Card title="台账导入" size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <DownloadButton path={TEMPLATE_PATH} fallbackName="户籍台账模板.xlsx" data-testid="download-template">
          下载台账模板
        </DownloadButton>
        <Typography.Text type="secondary">
          模板含「户籍台账」「家庭成员」两张表和填写说明；也可上传只含户籍台账列的 CSV。文件默认上限 20 MB。
        </Typography.Text>
      </Space>
      {!imported && (
        <div data-testid="ledger-upload">
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            showUploadList={false}
            disabled={importer.isPending}
            beforeUpload={(chosen) => {
              choose(chosen);
              return false; // the dry run sends it; antd's own upload stays off
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖入台账文件（.xlsx / .csv）</p>
            <p className="ant-upload-hint">先试导入检查每一行，不写入任何数据；确认无误后再正式导入</p>
          </Upload.Dragger>
        </div>
      )}
      {importer.isPending && <Spin style={{ display: 'block', margin: 16 }} description="正在读取和检查…" />}
      {refusal && (
        <Alert
          type="error"
          showIcon
          title="文件未被接受，没有导入任何数据"
          description={refusal}
          style={{ marginTop: 12 }}
          data-testid="import-refused"
        />
      )}
      {checked && !imported && file && (
        <DryRunResult
          file={file}
          result={checked}
          busy={importer.isPending}
          onConfirm={() => void run(file, false)}
          onCancel={reset}
        />
      )}
      {imported && (
        <div style={{ marginTop: 12 }} data-testid="import-done">
          <Alert
            type={imported.failed > 0 ? 'warning' : 'success'}
            showIcon
            title={`已导入「${imported.file.name}」：新增 ${imported.created} 户，更新 ${imported.updated} 户，无变化 ${imported.unchanged} 户${imported.failed ? `，${imported.failed} 户因错误未导入` : ''}`}
            action={
              <Space>
                <Link to="/households">查看移民户</Link>
                <Button size="small" onClick={reset}>
                  导入另一份
                </Button>
              </Space>
            }
            style={{ marginBottom: 12 }}
          />
          <ImportReport result={imported} />
        </div>
      )}
    </Card>
  );
}

function DryRunResult({
  file,
  result,
  busy,
  onConfirm,
  onCancel,
}: {
  file: File;
  result: ImportResult;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const count = writable(result);
  const confirm = (
    <Button
      type="primary"
      loading={busy}
      disabled={count === 0}
      onClick={result.failed ? undefined : onConfirm}
      data-testid="confirm-import"
    >
      确认导入{count ? `（${count} 户）` : ''}
    </Button>
  );
  return (
    <div style={{ marginTop: 12 }} data-testid="dry-run">
      <Alert
        type={result.failed ? 'warning' : 'info'}
        showIcon
        title={`试导入「${file.name}」：仅检查，未写入任何数据`}
        description={
          count === 0
            ? '没有可导入的变化：请按下表修改文件后重新上传。'
            : result.failed
              ? `${result.failed} 户有错误，确认导入时这些户不会导入，其余 ${count} 户照常写入；也可以先修改文件后重新上传。`
              : `确认后将写入 ${count} 户。`
        }
        style={{ marginBottom: 12 }}
      />
      <ImportReport result={result} />
      <Space style={{ marginTop: 12 }}>
        {result.failed && count ? (
          <Popconfirm
            title={`${result.failed} 户有错误将被跳过，确认导入其余 ${count} 户？`}
            okText="确认导入"
            cancelText="取消"
            onConfirm={onConfirm}
          >
            {confirm}
          </Popconfirm>
        ) : (
          confirm
        )}
        <Button onClick={onCancel}>重新选择文件</Button>
      </Space>
    </div>
  );
}
