import type { ButtonProps } from 'antd';
import { exportPath, type ExportFilters } from './api';
import { DownloadButton } from '../../components/DownloadButton';

/** 导出台账: the households these filters match, in the template's format (the list page uses it too). */
export function ExportLedgerButton({
  filters,
  ...button
}: { filters: ExportFilters } & Omit<ButtonProps, 'onClick' | 'loading'>) {
  return (
    <DownloadButton
      path={exportPath(filters)}
      fallbackName="户籍台账.xlsx"
      data-testid="export-ledger"
      {...button}
    >
      导出台账
    </DownloadButton>
  );
}
