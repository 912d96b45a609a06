/**
 * Summarizes a V8 .cpuprofile written by `node --cpu-prof dist/bench/bench.js`.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/bench.js --sizes 1000 --runs 1
 *   node dist/bench/profile-summary.js /tmp/prof/CPU.*.cpuprofile
 *
 * Every sample is attributed to a phase from its stack: "full" when the stack
 * holds analyzeProject or runFull (the timed report work), "bare" for runBare,
 * "other" otherwise (generator, writing files, idle). GC samples have no JS
 * stack: they are charged to the phase of the sample before them. Within "full" it prints self time
 * by module and by function, and inclusive time of the functions of src/ and
 * rules/ (a recursive function is counted once per sample).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

type Phase = 'full' | 'bare' | 'other';

const repoRoot = path.resolve(__dirname, '..', '..');

/** A short, stable name for where a function lives. */
function moduleOf(url: string): string {
  if (!url) return '(native / VM)';
  const file = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  if (file.startsWith('node:')) return 'node internals';
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const rel = path.relative(repoRoot, file);
  return rel.startsWith('..') ? file : rel.replace(/^dist\//, '');
}

function frameName(f: CallFrame): string {
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  return `${name} ${moduleOf(f.url)}:${f.lineNumber + 1}`;
}

function ms(us: number): string {
  return (us / 1000).toFixed(0).padStart(7);
}

function pct(part: number, total: number): string {
  return `${((100 * part) / total).toFixed(1).padStart(5)}%`;
}

function main(): void {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: node dist/bench/profile-summary.js <file.cpuprofile> [top=25]\n');
    process.exitCode = 2;
    return;
  }
  const top = Number(process.argv[3] ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const stackOf = (id: number): ProfileNode[] => {
    const out: ProfileNode[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) out.push(byId.get(cur)!);
    return out; // leaf first
  };

  // timeDeltas[i] is the time since the previous sample: attribute the next
  // delta to sample i (the time it was "on CPU"), the last one gets the mean.
  const mean = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  const phaseTime: Record<Phase, number> = { full: 0, bare: 0, other: 0 };
  const fullSelfByFn = new Map<string, number>();
  const fullSelfByModule = new Map<string, number>();
  const fullInclusive = new Map<string, number>();
  const bareSelfByModule = new Map<string, number>();
  const gcByPhase: Record<Phase, number> = { full: 0, bare: 0, other: 0 };
  let lastPhase: Phase = 'other';
  let gc = 0;
  let idle = 0;

  const stackCache = new Map<number, { phase: Phase; frames: ProfileNode[] }>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    const dt = profile.timeDeltas[i + 1] ?? mean;
    let entry = stackCache.get(id);
    if (!entry) {
      const frames = stackOf(id);
      const names = frames.map((f) => f.callFrame.functionName);
      const phase: Phase = names.includes('runBare') ? 'bare' : names.includes('analyzeProject') || names.includes('runFull') ? 'full' : 'other';
      entry = { phase, frames };
      stackCache.set(id, entry);
    }
    const leaf = entry.frames[0]!.callFrame;
    if (leaf.functionName === '(idle)') idle += dt;
    if (leaf.functionName === '(garbage collector)') {
      // No JS stack: charge it to the phase of the previous sample, which allocated.
      gc += dt;
      gcByPhase[lastPhase] += dt;
      phaseTime[lastPhase] += dt;
      continue;
    }
    lastPhase = entry.phase;
    phaseTime[entry.phase] += dt;
    if (entry.phase === 'bare') bareSelfByModule.set(moduleOf(leaf.url), (bareSelfByModule.get(moduleOf(leaf.url)) ?? 0) + dt);
    if (entry.phase !== 'full') continue;
    fullSelfByFn.set(frameName(leaf), (fullSelfByFn.get(frameName(leaf)) ?? 0) + dt);
    fullSelfByModule.set(moduleOf(leaf.url), (fullSelfByModule.get(moduleOf(leaf.url)) ?? 0) + dt);
    const seen = new Set<string>();
    for (const f of entry.frames) {
      const mod = moduleOf(f.callFrame.url);
      if (!mod.startsWith('src/') && !mod.startsWith('rules/') && !mod.startsWith('bench/')) continue;
      const key = frameName(f.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      fullInclusive.set(key, (fullInclusive.get(key) ?? 0) + dt);
    }
  }

  const total = profile.endTime - profile.startTime;
  const out: string[] = [];
  out.push(`profile: ${path.basename(file)}, ${(total / 1e6).toFixed(2)} s, ${profile.samples.length} samples`);
  out.push(`phases (GC charged to the phase that ran before it):`);
  for (const ph of ['full', 'bare', 'other'] as const) out.push(`  ${ph.padEnd(5)} ${ms(phaseTime[ph])} ms, of which GC ${ms(gcByPhase[ph]).trim()} ms`);
  out.push(`  total GC ${ms(gc).trim()} ms, idle ${ms(idle).trim()} ms`);
  if (phaseTime.bare > 0) out.push(`full/bare from samples: ${(phaseTime.full / phaseTime.bare).toFixed(2)}x (without GC: ${((phaseTime.full - gcByPhase.full) / (phaseTime.bare - gcByPhase.bare)).toFixed(2)}x)`);
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);

  out.push('', 'FULL: self time by module (GC excluded)');
  for (const [k, v] of sorted(fullSelfByModule)) out.push(`  ${ms(v)} ms ${pct(v, phaseTime.full)}  ${k}`);
  out.push('', 'BARE: self time by module (GC excluded)');
  for (const [k, v] of sorted(bareSelfByModule)) out.push(`  ${ms(v)} ms ${pct(v, phaseTime.bare)}  ${k}`);
  out.push('', `FULL: top ${top} functions by self time`);
  for (const [k, v] of sorted(fullSelfByFn).slice(0, top)) out.push(`  ${ms(v)} ms ${pct(v, phaseTime.full)}  ${k}`);
  out.push('', `FULL: top ${top * 2} functions of src/ and rules/ by inclusive time`);
  for (const [k, v] of sorted(fullInclusive).slice(0, top * 2)) out.push(`  ${ms(v)} ms ${pct(v, phaseTime.full)}  ${k}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
