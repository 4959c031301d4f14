import { createInflateRaw } from 'node:zlib';

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type ZipProblem = 'notZip' | 'corrupt' | 'tooLarge';

export class ZipInspectionError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem);
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_ENTRIES = 10_000;

export const isZip = (buffer: Buffer): boolean => buffer.length >= 4 && buffer.readUInt32LE(0) === LOCAL;

function findEndOfCentralDirectory(buffer: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  const stop = Math.max(0, buffer.length - 22 - 0xffff);
  for (let at = buffer.length - 22; at >= stop; at--) {
    if (buffer.readUInt32LE(at) === EOCD) return at;
  }
  throw new ZipInspectionError('corrupt');
}

function need(buffer: Buffer, offset: number, length: number): void {
  if (offset < 0 || offset + length > buffer.length) throw new ZipInspectionError('corrupt');
}

/**
 * Reads the central directory (the zip's table of contents at its end) without inflating anything, so a
 * zip bomb is refused on what it declares before any decompressor sees it.
 */
export function readCentralDirectory(buffer: Buffer): ZipEntry[] {
  if (!isZip(buffer)) throw new ZipInspectionError('notZip');
  const eocd = findEndOfCentralDirectory(buffer);
  let count = buffer.readUInt16LE(eocd + 10);
  let size = buffer.readUInt32LE(eocd + 12);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    need(buffer, locator, 20);
    if (buffer.readUInt32LE(locator) !== ZIP64_LOCATOR) throw new ZipInspectionError('corrupt');
    const record = Number(buffer.readBigUInt64LE(locator + 8));
    need(buffer, record, 56);
    if (buffer.readUInt32LE(record) !== ZIP64_EOCD) throw new ZipInspectionError('corrupt');
    count = Number(buffer.readBigUInt64LE(record + 32));
    size = Number(buffer.readBigUInt64LE(record + 40));
    offset = Number(buffer.readBigUInt64LE(record + 48));
  }
  if (count > MAX_ENTRIES) throw new ZipInspectionError('tooLarge');
  need(buffer, offset, size);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    need(buffer, at, 46);
    if (buffer.readUInt32LE(at) !== CENTRAL) throw new ZipInspectionError('corrupt');
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    need(buffer, at + 46, nameLength + extraLength);
    const entry: ZipEntry = {
      flags: buffer.readUInt16LE(at + 8),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      uncompressedSize: buffer.readUInt32LE(at + 24),
      localHeaderOffset: buffer.readUInt32LE(at + 42),
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
    };
    readZip64Extra(buffer.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offset that did not fit 32 bits live in the zip64 extra field (id 1), in this order. */
function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const take = (): number => {
        if (field + 8 > at + 4 + length) throw new ZipInspectionError('corrupt');
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take();
      return;
    }
    at += 4 + length;
  }
}

/**
 * Refuses a zip whose entries declare more than `maxUncompressed` bytes in total, then inflates each entry
 * (discarding the output) to check it does not produce more than it declared: a bomb with forged sizes
 * is stopped at the declared size, so the work is bounded by `maxUncompressed` either way.
 */
export async function inspectZip(buffer: Buffer, maxUncompressed: number): Promise<ZipEntry[]> {
  const entries = readCentralDirectory(buffer);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > maxUncompressed) throw new ZipInspectionError('tooLarge');
  for (const entry of entries) await verifyEntry(buffer, entry);
  return entries;
}

async function verifyEntry(buffer: Buffer, entry: ZipEntry): Promise<void> {
  const at = entry.localHeaderOffset;
  need(buffer, at, 30);
  if (buffer.readUInt32LE(at) !== LOCAL) throw new ZipInspectionError('corrupt');
  if (entry.flags & 0x1) throw new ZipInspectionError('corrupt'); // encrypted
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  need(buffer, start, entry.compressedSize);
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) throw new ZipInspectionError('corrupt');
    return;
  }
  if (entry.method !== 8) throw new ZipInspectionError('corrupt');
  const produced = await inflatedSize(data, entry.uncompressedSize);
  if (produced > entry.uncompressedSize) throw new ZipInspectionError('tooLarge');
  if (produced !== entry.uncompressedSize) throw new ZipInspectionError('corrupt');
}

/** Inflates and counts, stopping as soon as the output passes `limit` (returns limit + 1 then). */
function inflatedSize(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    let total = 0;
    let settled = false;
    const finish = (value: number | Error) => {
      if (settled) return;
      settled = true;
      if (value instanceof Error) reject(new ZipInspectionError('corrupt'));
      else resolve(value);
    };
    inflater.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        inflater.destroy();
        finish(limit + 1);
      }
    });
    inflater.on('end', () => finish(total));
    inflater.on('error', (error) => finish(error));
    inflater.end(data);
  });
}
