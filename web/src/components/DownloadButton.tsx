import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps } from 'antd';
import { useState } from 'react';
import { describeError } from '../api/client';
import { downloadFile } from '../lib/download-file';

/** A button that saves a file from the API; a refusal shows as a message, never as a saved error page. */
export function DownloadButton({
  path,
  fallbackName,
  children,
  ...button
}: { path: string; fallbackName: string } & Omit<ButtonProps, 'onClick' | 'loading'>) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const name = await downloadFile(path, fallbackName);
      message.success(`已下载「${name}」`);
    } catch (error) {
      message.error(describeError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} {...button} loading={busy} onClick={run}>
      {children}
    </Button>
  );
}
