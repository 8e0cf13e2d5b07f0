// CPU seconds spent on a piece of work by this process and by the PostgreSQL backends of one database: on a machine
// shared with other work, wall-clock rates move with the load; CPU per event much less. Linux only (/proc). Backends
// are found by their process title ("postgres: 15/main: <user> <database> ..."), sampled every second (one that
// ends between samples loses its last second); parallel workers (VACUUM, CREATE INDEX) carry no database in their
// title and are not counted.
import { readFileSync, readdirSync } from 'node:fs';

const TICKS = 100; // getconf CLK_TCK

function backends(database: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!title.startsWith('postgres:') || title.split(/\s+/)[3] !== database) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / TICKS);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export function cpuMeter(database: string): { stop(): { node: number; postgres: number } } {
  const start = backends(database);
  const last = new Map(start);
  const node0 = process.cpuUsage();
  const sample = () => {
    for (const [pid, s] of backends(database)) last.set(pid, s);
  };
  const timer = setInterval(sample, 1000);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const node = process.cpuUsage(node0);
      let postgres = 0;
      for (const [pid, s] of last) postgres += s - (start.get(pid) ?? 0);
      return { node: (node.user + node.system) / 1e6, postgres };
    },
  };
}
