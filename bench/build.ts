/**
 * The site build: a full `npm run build` (so the project's Node 22 runs it), its wall time and the peak memory
 * of its whole process tree; and the check that tells the browser sections whether the built site is current.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/**
 * Where the site is built and served from: dist/, or a private directory named by BENCH_OUT_DIR (so a bench
 * being developed does not fight other people's builds into dist/).
 */
export const outDir = process.env.BENCH_OUT_DIR ? resolve(process.env.BENCH_OUT_DIR) : join(repoRoot, 'dist');

/** Everything the build reads; a built site older than any of these is stale. */
const SOURCES = ['src', 'lessons', 'exercises', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

export interface BuildFigures {
  readonly seconds: number;
  /** Peak of the summed resident set of the build's process tree, sampled from /proc every 50 ms. */
  readonly peakRssMB: number;
  /** The largest single process at any sample (usually Astro's own Node process). */
  readonly largestProcessRssMB: number;
  /** User + system CPU of the whole tree (GNU time), where /usr/bin/time exists; the wall time includes waiting for a loaded CPU. */
  readonly cpuSeconds?: number;
  readonly loadAverageAtStart: number;
  /** `dist` or, while developing, the directory BENCH_OUT_DIR names. */
  readonly builtInto: string;
}

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path, { recursive: true, encoding: 'utf8' })) newest = Math.max(newest, statSync(join(path, entry)).mtimeMs);
  return newest;
}

/** True when the built site exists and is newer than every source file. */
export function isBuildCurrent(): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return false;
  const sources = SOURCES.map((source) => join(repoRoot, source)).filter((path) => existsSync(path));
  return statSync(index).mtimeMs >= Math.max(...sources.map(newestChange));
}

/** Resident set of every process in the tree rooted at `root`, in kB, read from /proc (Linux only). */
function treeRssKb(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of stat is the parent pid; the command name (field 2) may hold spaces, so split after ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!inTree.has(pid) && inTree.has(parent)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  const sizes: number[] = [];
  for (const pid of inTree) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) sizes.push(Number(match[1]));
    } catch {
      // Gone already.
    }
  }
  return sizes;
}

/** Set once this process has built the site: the browser sections then serve that build, even if sources changed since. */
let builtHere = false;

const toMB = (kb: number): number => Math.round(kb / 102.4) / 10;

/** Runs a full `npm run build` into `outDir` and measures it. Throws with the build's output when it fails. */
export async function measureBuild(): Promise<BuildFigures> {
  const loadAverageAtStart = Math.round((loadavg()[0] as number) * 100) / 100;
  const buildArgs = ['run', 'build', ...(process.env.BENCH_OUT_DIR ? ['--', '--outDir', outDir] : [])];
  const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'bench-build-'));
  const timeReport = join(scratch, 'time.txt');
  const [command, args] = gnuTime ? [gnuTime, ['-v', '-o', timeReport, 'npm', ...buildArgs]] : ['npm', buildArgs];

  const started = performance.now();
  const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let peakKb = 0;
  let largestKb = 0;
  const sample = (): void => {
    if (child.pid === undefined) return;
    const sizes = treeRssKb(child.pid);
    peakKb = Math.max(peakKb, sizes.reduce((sum, size) => sum + size, 0));
    largestKb = Math.max(largestKb, ...sizes);
  };
  const sampler = setInterval(sample, 50);
  const exitCode = await new Promise<number | null>((settle) => child.on('close', settle));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (exitCode !== 0) throw new Error(`npm ${buildArgs.join(' ')} failed (exit ${exitCode}):\n${output.slice(-4000)}`);

  let cpuSeconds: number | undefined;
  if (gnuTime && existsSync(timeReport)) {
    const report = readFileSync(timeReport, 'utf8');
    const field = (name: string): number => Number(new RegExp(`${name}: ([\\d.]+)`).exec(report)?.[1] ?? Number.NaN);
    cpuSeconds = Math.round((field('User time \\(seconds\\)') + field('System time \\(seconds\\)')) * 10) / 10;
    // GNU time sees the largest waited-for process exactly, where sampling may fall between peaks.
    largestKb = Math.max(largestKb, field('Maximum resident set size \\(kbytes\\)') || 0);
  }
  rmSync(scratch, { recursive: true, force: true });
  builtHere = true;
  return {
    seconds: Math.round(seconds * 10) / 10,
    peakRssMB: toMB(Math.max(peakKb, largestKb)),
    largestProcessRssMB: toMB(largestKb),
    ...(cpuSeconds === undefined ? {} : { cpuSeconds }),
    loadAverageAtStart,
    builtInto: process.env.BENCH_OUT_DIR ? 'BENCH_OUT_DIR' : 'dist',
  };
}

/** Builds the site first when it is missing or older than its sources (the browser sections need it). */
export async function ensureBuilt(): Promise<void> {
  if (builtHere || isBuildCurrent()) return;
  console.error(`Building the site into ${outDir} (missing or older than its sources)…`);
  await measureBuild();
}
