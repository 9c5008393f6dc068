/**
 * Two-thread Matrix Market reading of large `coordinate` files (used by `readMatrixMarketFile` in
 * `sparsity/node`). The entry section is cut into blocks of 1 MiB (a block holds the lines that
 * start in it). The calling thread claims blocks from the first upwards and parses them straight
 * into the start of the output arrays; a `worker_threads` worker claims blocks from the last
 * downwards, parses each into a scratch and copies its entries just below the previous ones at the
 * end of the same (shared) output arrays. Claims go through one shared word, so the two sides meet
 * wherever they meet (a late or descheduled thread leaves its blocks to the other; with no worker
 * the caller parses every block). The two regions touch exactly when the file holds the declared
 * number of entries, so there is no count pass and no final copy (symmetric files close the gap
 * left by unmirrored diagonal entries with one copy).
 *
 * On any irregularity (malformed line, wrong entry count, worker failure) the result is dropped
 * and the caller re-reads the file with the sequential reader, which reports the exact
 * `ParseError` (line number and text): errors cost a second pass, valid files never do.
 *
 * The worker runs an evaluated, self-contained source (the scanner of number.ts plus the functions
 * below, which receive what they call as parameters), as the kernel pool does, so no file has to
 * be resolved from TypeScript sources or from the built package on Node, Deno or Bun.
 *
 * @module
 * @internal
 */
import { type Header, readHeader } from './header.js';
import { SCAN_MIRROR, scanEntries, scannerSource } from './number.js';
import { scanMode } from './mmread.js';

/** Positional read: up to `length` bytes at file offset `position` into buf[offset..]; returns the count. @internal */
export type PositionalRead = (buf: Uint8Array, offset: number, length: number, position: number) => number;

/** Layout of the control words (Int32) shared with the worker. */
const CLAIM = 0; // 0 open, 1 joined by the worker, 2 closed by the caller (the worker never joined)
const STATUS = 1; // 0 running, 1 done, 2 failed
const PROGRESS = 2; // blocks done by the worker (watchdog)
const K = 3; // entries read by the back side
const Q = 4; // entries stored by the back side
const NEXT = 5; // packed block claims: front's next block (low 16 bits), back's end (high 15 bits)
const STOP = 6; // set by a side that failed: the other stops claiming
const CTRL_WORDS = 7;

/** Most blocks of one file (the claims word packs two block indices). */
const MAX_BLOCKS = 32767;
/** Smallest file the automatic mode parses on two threads. @internal */
export const PARALLEL_MIN_BYTES = 32 << 20;
/** The caller gives up on a worker that makes no progress for this long (then reads sequentially). */
let STALL_MS = 30_000;

/** Test hook: shorten the stall timeout (milliseconds). @internal */
export function setParallelStallMs(ms: number): void {
  STALL_MS = ms;
}

type Scan = typeof scanEntries;

/**
 * One side of the two-thread parse. The entry section [from, to) of the file is cut into blocks of
 * `B` bytes; block b holds the lines that *start* in it. The front side claims blocks upwards
 * from the first and parses them straight into the output from 0; the back side claims blocks
 * downwards from the last, parses each into a scratch and copies its entries just below the
 * previous ones, so that its entries end at `cap`, in file order. Claims go through one shared
 * word, so the sides meet wherever they meet. Returns [entries read, entries stored], or null on
 * any malformed line, more than `nnz` entries, or a failure of the other side.
 * Self-contained (everything it calls is a parameter): it also runs in the worker. @internal
 */
export function parseBlocks(
  scan: Scan,
  pread: PositionalRead,
  front: boolean,
  from: number,
  to: number,
  B: number,
  m: number,
  n: number,
  nnz: number,
  mode: number,
  row: Int32Array,
  col: Int32Array,
  data: Float64Array,
  cap: number,
  ctrl: Int32Array,
  cache: Record<string, unknown>,
): [number, number] | null {
  const per = (mode & 1) !== 0 ? 2 : 1;
  let buf = (cache['buf'] as Uint8Array | undefined) ?? new Uint8Array(B + 8192);
  let tr = (cache['row'] as Int32Array | undefined) ?? new Int32Array(B >> 3);
  let tc = (cache['col'] as Int32Array | undefined) ?? new Int32Array(B >> 3);
  let td = (cache['data'] as Float64Array | undefined) ?? new Float64Array(B >> 3);
  const st = { k: 0, q: 0, line: 0, err: 0, errPos: 0, errValue: 0, errIndex: 0 };
  let q = front ? 0 : cap;
  let total = 0;
  let success = false;
  try {
    for (;;) {
      if (Atomics.load(ctrl, 6) !== 0) return null;
      // Claim a block: front from below, back from above.
      let blk = -1;
      for (;;) {
        const w = Atomics.load(ctrl, 5);
        const lo = w & 0xffff;
        const hi = w >>> 16;
        if (lo >= hi) break;
        const next = front ? ((hi << 16) | (lo + 1)) : (((hi - 1) << 16) | lo);
        if (Atomics.compareExchange(ctrl, 5, w, next) === w) {
          blk = front ? lo : hi - 1;
          break;
        }
      }
      if (blk < 0) break;
      const s = from + blk * B;
      const e = Math.min(to, s + B);
      // Read [a, e) and on until the line that starts last in the block ends.
      const a = s === from ? s : s - 1;
      let len = 0;
      let end = -1; // one past the newline ending the block's last line
      for (;;) {
        const want = Math.min(buf.length - len, to - a - len, len === 0 ? e - a + 4096 : buf.length);
        let got = 0;
        while (got < want) {
          const r = pread(buf, len + got, want - got, a + len + got);
          if (r <= 0) return null;
          got += r;
        }
        len += got;
        let t = Math.max(0, e - 1 - a);
        while (t < len && buf[t] !== 10) t++;
        if (t < len) {
          end = t + 1;
          break;
        }
        if (a + len >= to) {
          end = len;
          break;
        }
        if (len < buf.length) continue;
        const bigger = new Uint8Array(buf.length * 2);
        bigger.set(buf.subarray(0, len));
        buf = bigger;
      }
      // The first line start at or after s.
      let p0 = 0;
      if (a < s) {
        while (p0 < len && buf[p0] !== 10) p0++;
        p0++;
      }
      if (a + p0 >= e) continue; // no line starts in this block (a long line crosses it)
      const view = buf.subarray(0, end);
      const limit = nnz - total + 1;
      if (front) {
        st.k = 0;
        st.q = q;
        st.err = 0;
        const stop = scan(view, p0, end, st, m, n, limit, mode, row, col, data);
        if (st.err !== 0 || stop < end) return null;
        total += st.k;
        q = st.q;
        if (total > nnz || q > cap) return null;
      } else {
        for (;;) {
          st.k = 0;
          st.q = 0;
          st.err = 0;
          const stop = scan(view, p0, end, st, m, n, limit, mode, tr, tc, td);
          if (st.err !== 0 || stop < end) return null;
          if (st.q <= tr.length) break;
          // More entries than the scratch holds (short lines): the most a block can hold, then rescan.
          const most = per * (((end - p0) >> 2) + 1);
          tr = new Int32Array(most);
          tc = new Int32Array(most);
          td = new Float64Array(most);
        }
        total += st.k;
        if (total > nnz || st.q > q) return null;
        q -= st.q;
        row.set(tr.subarray(0, st.q), q);
        col.set(tc.subarray(0, st.q), q);
        data.set(td.subarray(0, st.q), q);
        Atomics.add(ctrl, 2, 1);
      }
    }
    success = true;
  } finally {
    if (!success) Atomics.store(ctrl, 6, 1);
    cache['buf'] = buf;
    cache['row'] = tr;
    cache['col'] = tc;
    cache['data'] = td;
  }
  return front ? [total, q] : [total, cap - q];
}

/** A task for the worker: the back side of one file. */
interface BackTask {
  ctrl: SharedArrayBuffer;
  path: string;
  from: number;
  to: number;
  B: number;
  m: number;
  n: number;
  nnz: number;
  mode: number;
  row: SharedArrayBuffer;
  col: SharedArrayBuffer;
  data: SharedArrayBuffer;
  cap: number;
}

/**
 * The worker's body (evaluated from its source text with `scan` and `parse` in scope): for each
 * task message, join unless the caller has closed the task, parse the back side with its own file
 * handle, and report through the control words. @internal
 */
export function readerWorkerMain(scan: Scan, parse: typeof parseBlocks): void {
  const proc = (globalThis as unknown as { process?: { getBuiltinModule?: (m: string) => unknown } }).process;
  const load = (m: string): unknown => proc?.getBuiltinModule?.(m) ?? require(m);
  const wt = load('node:worker_threads') as { parentPort: { on(ev: string, f: (t: unknown) => void): void } };
  const fs = load('node:fs') as {
    openSync(p: string, f: string): number;
    readSync(fd: number, b: Uint8Array, o: number, l: number, pos: number): number;
    closeSync(fd: number): void;
  };
  const cache: Record<string, unknown> = {};
  wt.parentPort.on('message', (msg) => {
    const t = msg as BackTask;
    const ctrl = new Int32Array(t.ctrl);
    if (Atomics.compareExchange(ctrl, 0, 0, 1) !== 0) return;
    let status = 2;
    let fd = -1;
    try {
      fd = fs.openSync(t.path, 'r');
      const file = fd;
      const pread = (b: Uint8Array, o: number, l: number, pos: number): number => fs.readSync(file, b, o, l, pos);
      const r = parse(scan, pread, false, t.from, t.to, t.B, t.m, t.n, t.nnz, t.mode, new Int32Array(t.row), new Int32Array(t.col), new Float64Array(t.data), t.cap, ctrl, cache);
      if (r !== null) {
        ctrl[3] = r[0];
        ctrl[4] = r[1];
        status = 1;
      }
    } catch {
      status = 2;
      Atomics.store(ctrl, 6, 1);
    } finally {
      if (fd >= 0) {
        try {
          fs.closeSync(fd);
        } catch {
          // nothing to do
        }
      }
    }
    Atomics.store(ctrl, 1, status);
    Atomics.notify(ctrl, 1);
  });
}

interface WorkerLike {
  postMessage(v: unknown): void;
  on(event: string, f: (a: unknown) => void): unknown;
  unref(): void;
  terminate(): Promise<number>;
}
interface WorkerThreads {
  Worker: new (code: string, options: { eval: boolean }) => WorkerLike;
}

let worker: WorkerLike | null = null;
let workerDisabled = false;
const mainCache: Record<string, unknown> = {};

function builtin<T>(name: string): T | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (n: string) => unknown } }).process;
  try {
    return (proc?.getBuiltinModule?.(name) as T | undefined) ?? null;
  } catch {
    return null;
  }
}

/** The reader's worker (started on first use, unref'd so it never keeps a script alive), or null. */
function readerWorker(): WorkerLike | null {
  if (worker !== null || workerDisabled) return worker;
  const wt = builtin<WorkerThreads>('node:worker_threads');
  if (wt === null) {
    workerDisabled = true;
    return null;
  }
  try {
    const src = `"use strict";\n${scannerSource()}\n${parseBlocks.toString()}\n(${readerWorkerMain.toString()})(scanEntries, parseBlocks);\n`;
    const w = new wt.Worker(src, { eval: true });
    w.unref();
    const drop = (): void => {
      if (worker === w) worker = null;
    };
    w.on('error', drop);
    w.on('exit', drop);
    worker = w;
  } catch {
    workerDisabled = true;
  }
  return worker;
}

/** Test hook: stop the reader's worker (a new one starts on the next parallel read). @internal */
export async function stopReaderWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate().catch(() => 0);
}

/** Options of {@link readCoordinateParallel}. @internal */
export interface ParallelReadOptions {
  /** Offer the back side to the worker (default true); false: the caller parses every block. */
  useWorker?: boolean;
  /** Block size in bytes (default 1 MiB; tests use small blocks). */
  blockBytes?: number;
}

/**
 * Read a `coordinate` Matrix Market file on two threads. Returns the entries (row, col, data, as
 * `mmread` would give them), or null when the file is not suited (array format, complex data,
 * sizes beyond what the file can hold, header longer than the first read) or anything went wrong:
 * the caller then reads it sequentially, which also produces the exact error. @internal
 */
export function readCoordinateParallel(
  path: string,
  size: number,
  pread: PositionalRead,
  options: ParallelReadOptions = {},
): { row: Int32Array; col: Int32Array; data: Float64Array; shape: [number, number] } | null {
  // Header: from the first 64 KiB (longer headers go the sequential way).
  const head = new Uint8Array(Math.min(size, 1 << 16));
  let got = 0;
  while (got < head.length) {
    const r = pread(head, got, head.length - got, got);
    if (r <= 0) return null;
    got += r;
  }
  const partial = head.length < size;
  let cut = head.length;
  if (partial) while (cut > 0 && head[cut - 1] !== 10) cut--;
  let h: Header | null;
  try {
    h = readHeader(head.subarray(0, cut), partial);
  } catch {
    return null;
  }
  if (h === null) return null;
  const { info } = h;
  if (info.format !== 'coordinate' || info.field === 'complex' || info.symmetry === 'hermitian') return null;
  const m = info.rows;
  const n = info.cols;
  const nnz = h.declared;
  const mode = scanMode(h);
  const cap = (mode & SCAN_MIRROR) !== 0 ? 2 * nnz : nnz;
  const INT32_MAX = 2147483647;
  if (m > INT32_MAX || n > INT32_MAX || cap > INT32_MAX || nnz < 1 || nnz > Math.floor((size - h.pos) / 4) + 1) return null;
  const from = h.pos;
  const B = Math.max(options.blockBytes ?? 1 << 20, Math.ceil((size - from) / MAX_BLOCKS));
  const blocks = Math.ceil((size - from) / B);

  const rowBuf = new SharedArrayBuffer(4 * cap);
  const colBuf = new SharedArrayBuffer(4 * cap);
  const dataBuf = new SharedArrayBuffer(8 * cap);
  const ctrlBuf = new SharedArrayBuffer(4 * CTRL_WORDS);
  const row = new Int32Array(rowBuf);
  const col = new Int32Array(colBuf);
  const data = new Float64Array(dataBuf);
  const ctrl = new Int32Array(ctrlBuf);
  ctrl[NEXT] = blocks << 16;
  const w = options.useWorker === false ? null : readerWorker();
  if (w !== null) {
    const task: BackTask = { ctrl: ctrlBuf, path, from, to: size, B, m, n, nnz, mode, row: rowBuf, col: colBuf, data: dataBuf, cap };
    try {
      w.postMessage(task);
    } catch {
      // The caller parses every block.
    }
  }

  // The front side, until the sides meet (every block, if the worker never joins).
  const front = parseBlocks(scanEntries, pread, true, from, size, B, m, n, nnz, mode, row, col, data, cap, ctrl, mainCache);
  let back: [number, number] | null = [0, 0];
  if (Atomics.compareExchange(ctrl, CLAIM, 0, 2) !== 0) {
    // The worker joined: wait for it to finish its blocks.
    back = null;
    let progress = -1;
    let since = Date.now();
    for (;;) {
      const s = Atomics.load(ctrl, STATUS);
      if (s !== 0) {
        if (s === 1) back = [ctrl[K]!, ctrl[Q]!];
        break;
      }
      const now = Atomics.load(ctrl, PROGRESS);
      if (now !== progress) {
        progress = now;
        since = Date.now();
      } else if (Date.now() - since > STALL_MS) {
        void stopReaderWorker();
        break;
      }
      Atomics.wait(ctrl, STATUS, 0, 100);
    }
  }
  if (front === null || back === null || front[0] + back[0] !== nnz || front[1] + back[1] > cap) return null;
  const q = front[1] + back[1];
  if (q < cap) {
    // Unmirrored diagonal entries of a symmetric file: close the gap between the sides.
    row.copyWithin(front[1], cap - back[1], cap);
    col.copyWithin(front[1], cap - back[1], cap);
    data.copyWithin(front[1], cap - back[1], cap);
    return { row: row.subarray(0, q), col: col.subarray(0, q), data: data.subarray(0, q), shape: [m, n] };
  }
  return { row, col, data, shape: [m, n] };
}
