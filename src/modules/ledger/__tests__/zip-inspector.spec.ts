import { deflateRawSync } from 'node:zlib';
import { inspectZip, readCentralDirectory, ZipInspectionError } from '../zip-inspector';

/** A minimal zip (deflated entries) with optionally forged declared sizes. */
function zip(entries: { name: string; content: Buffer; declared?: number }[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const data = deflateRawSync(e.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.declared ?? e.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(e.declared ?? e.content.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(header, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const problem = async (work: Promise<unknown>) => {
  try {
    await work;
    return null;
  } catch (error) {
    return error instanceof ZipInspectionError ? error.problem : error;
  }
};

describe('zip inspection before anything inflates the file', () => {
  it('lists the entries from the central directory', () => {
    const entries = readCentralDirectory(zip([{ name: 'xl/workbook.xml', content: Buffer.from('<x/>') }]));
    expect(entries).toEqual([
      expect.objectContaining({ name: 'xl/workbook.xml', uncompressedSize: 4, method: 8 }),
    ]);
  });

  it('accepts an honest zip within the limit', async () => {
    expect(await problem(inspectZip(zip([{ name: 'a', content: Buffer.alloc(1000) }]), 10_000))).toBeNull();
  });

  it('refuses declared sizes over the limit without inflating', async () => {
    expect(await problem(inspectZip(zip([{ name: 'a', content: Buffer.alloc(20_000) }]), 10_000))).toBe(
      'tooLarge',
    );
  });

  it('stops an entry that inflates past what it declared', async () => {
    const liar = zip([{ name: 'a', content: Buffer.alloc(5_000_000), declared: 100 }]);
    expect(await problem(inspectZip(liar, 10_000))).toBe('tooLarge');
  });

  it('calls a broken or foreign file corrupt or not a zip', async () => {
    const good = zip([{ name: 'a', content: Buffer.alloc(100) }]);
    expect(await problem(inspectZip(good.subarray(0, good.length - 5), 10_000))).toBe('corrupt');
    expect(await problem(inspectZip(Buffer.from('not a zip at all'), 10_000))).toBe('notZip');
  });
});
