// The processes of one benchmark run, read from /proc: its own browser and the browser's children,
// so another browser on the machine (a test run, a second bench) is never counted.
import fs from 'node:fs';

/** The processes descended from this one (the browser Playwright launched, and its children). */
export function ownProcesses() {
  const children = new Map();
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      // Field 4 of /proc/PID/stat, after the command name in parentheses (which may hold spaces).
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(pid);
    } catch { /* the process ended */ }
  }
  const found = [];
  const queue = [String(process.pid)];
  while (queue.length) for (const child of children.get(queue.shift()) ?? []) { found.push(child); queue.push(child); }
  return found;
}

/** Resident memory of the renderer processes (the page and its workers) of this run's own
 *  browser, in bytes. */
export function rendererRss() {
  let total = 0;
  for (const pid of ownProcesses()) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss) total += Number(rss[1]) * 1024;
    } catch { /* the process ended */ }
  }
  return total;
}

/** CPU time (s, user + system) used so far by this run's own browser and its children: with
 *  wall time, it says how many of the machine's cores a phase kept busy. */
export function ownCpuSeconds() {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of ownProcesses()) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / tick; // utime, stime
    } catch { /* the process ended */ }
  }
  return total;
}

/** CPU time (s) of each thread of this run's browser so far: a map of "pid/tid" to
 *  { name: "process type: thread name", s }. Sample it while a phase runs (threads end: a
 *  worker's thread with its worker) and keep the last figure of each. */
export function ownThreadCpu() {
  const out = new Map();
  for (const pid of ownProcesses()) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
        try {
          const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
          const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          out.set(`${pid}/${tid}`, { name: `${type}: ${name}`, s: (Number(fields[11]) + Number(fields[12])) / 100 });
        } catch { /* the thread ended */ }
      }
    } catch { /* the process ended */ }
  }
  return out;
}
