import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Refusals of a whole ledger file: nothing in it is imported. */
export const LedgerErrors = {
  noFile: () => new DomainError(HttpStatus.BAD_REQUEST, 'NO_FILE', '请上传台账文件（表单字段 file）'),
  badUpload: () =>
    new DomainError(HttpStatus.BAD_REQUEST, 'BAD_UPLOAD', '上传内容格式有误，请以 multipart/form-data 上传'),
  emptyFile: () => new DomainError(HttpStatus.BAD_REQUEST, 'EMPTY_FILE', '文件为空'),
  tooLarge: (limit: number) =>
    new DomainError(HttpStatus.PAYLOAD_TOO_LARGE, 'FILE_TOO_LARGE', `文件超过 ${megabytes(limit)} 的上限`),
  unrecognized: () =>
    new DomainError(
      HttpStatus.BAD_REQUEST,
      'NOT_A_SPREADSHEET',
      '无法识别的文件：请上传 .xlsx 或 .csv 格式的户籍台账',
    ),
  notWorkbook: (what: string) =>
    new DomainError(
      HttpStatus.BAD_REQUEST,
      'NOT_A_SPREADSHEET',
      `文件不是 Excel 表格（${what}），请上传 .xlsx 或 .csv 格式的户籍台账`,
    ),
  legacyFormat: () =>
    new DomainError(
      HttpStatus.BAD_REQUEST,
      'UNSUPPORTED_FORMAT',
      '不支持 .xls / .et 旧格式或加密的表格，请在 Excel 或 WPS 中另存为 .xlsx 后再导入',
    ),
  openDocument: () =>
    new DomainError(
      HttpStatus.BAD_REQUEST,
      'UNSUPPORTED_FORMAT',
      '不支持 .ods 格式，请另存为 .xlsx（在 WPS 或 LibreOffice 中：文件 → 另存为 → Excel 工作簿）',
    ),
  twoRowHeader: (sheet: string, first: number, second: number) =>
    new DomainError(
      HttpStatus.BAD_REQUEST,
      'TWO_ROW_HEADER',
      `「${sheet}」的表头须为一行：第 ${first}–${second} 行是两行表头（或合并单元格跨了两行），请合并为一行后再导入`,
      [{ field: `第 ${first}–${second} 行`, message: '表头须为一行' }],
    ),
  corrupt: () => new DomainError(HttpStatus.BAD_REQUEST, 'CORRUPT_FILE', '文件已损坏，无法读取'),
  inflatesTooLarge: (limit: number) =>
    new DomainError(
      HttpStatus.BAD_REQUEST,
      'UNCOMPRESSED_TOO_LARGE',
      `文件解压后超过 ${megabytes(limit)}，已拒绝处理`,
    ),
  noLedgerSheet: () =>
    new DomainError(
      HttpStatus.BAD_REQUEST,
      'MISSING_SHEET',
      '找不到「户籍台账」：第一行应为表头，至少包含 户编号、村、户主姓名、户主身份证号',
    ),
  missingColumns: (sheet: string, headers: string[]) =>
    new DomainError(
      HttpStatus.BAD_REQUEST,
      'MISSING_COLUMNS',
      `「${sheet}」缺少必填列：${headers.join('、')}`,
      headers.map((header) => ({ field: header, message: '缺少此列' })),
    ),
  duplicateColumn: (sheet: string, header: string) =>
    new DomainError(HttpStatus.BAD_REQUEST, 'DUPLICATE_COLUMN', `「${sheet}」的列「${header}」出现了两次`),
  noDataRows: (sheet: string) =>
    new DomainError(HttpStatus.BAD_REQUEST, 'NO_DATA_ROWS', `「${sheet}」没有数据行`),
  csvMembers: () =>
    new DomainError(
      HttpStatus.BAD_REQUEST,
      'CSV_MEMBERS_UNSUPPORTED',
      'CSV 只能包含「户籍台账」的列（一行一户）；家庭成员请用 .xlsx 模板导入',
    ),
  notAllowed: () =>
    new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', '只有管理员、指挥部和乡镇/村干部可以导入台账'),
};
