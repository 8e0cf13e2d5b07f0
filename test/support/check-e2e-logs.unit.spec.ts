import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPersonalData, personalDataInSpecs } from './check-e2e-logs';

describe('The e2e log check', () => {
  it('collects the names the e2e specs send', () => {
    expect(personalDataInSpecs()).toEqual(expect.arrayContaining(['Trần Thị Bé Lan', 'Lê Văn Hàng', '0912 345 678']));
  });

  it('finds a name in a log line, written plainly or JSON-escaped, and passes clean logs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sen-logs-'));
    try {
      writeFileSync(
        join(dir, 'clean.log'),
        '{"level":"info","msg":"request completed","req":{"path":"/api/v1/cases"}}\n',
      );
      expect(findPersonalData(dir, ['Nguyễn Thị Lan']).found).toEqual([]);
      writeFileSync(join(dir, 'leak.log'), '{"level":"info","msg":"opened for Nguy\\u1ec5n Th\\u1ecb Lan"}\n');
      expect(findPersonalData(dir, ['Nguyễn Thị Lan']).found).toEqual(['leak.log: "Nguyễn Thị Lan"']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
