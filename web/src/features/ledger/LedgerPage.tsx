import { Flex } from 'antd';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';

/** 台账导入导出: the ledger (Excel) in and out — template, checked import, export with the list's filters. */
export default function LedgerPage() {
  return (
    <Flex vertical gap="middle">
      <ImportPanel />
      <ExportPanel />
    </Flex>
  );
}
