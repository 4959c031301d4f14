import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/client';
import { downloadFile } from '../lib/download-file';

/** A button that downloads an API export; a refusal is shown as the server's message, not saved as a file. */
export function DownloadButton({
  url,
  fileName,
  label = '导出 Excel',
  testId,
}: {
  url: string;
  fileName: string;
  label?: string;
  testId?: string;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(url, fileName);
    } catch (error) {
      message.error(`下载失败：${describeError(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={download} data-testid={testId}>
      {label}
    </Button>
  );
}
