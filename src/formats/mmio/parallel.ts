/**
 * Two-thread Matrix Market reading of large `coordinate` files (used by `readMatrixMarketFile` in
 * `sparsity/node`): the entry section is cut at a line boundary near its middle; the calling thread
 * parses the front half forward into the start of the output arrays, while a `worker_threads`
 * worker parses the back half block by block from the end of the file, each block's entries copied
 * just below the previous ones at the end of the same (shared) output arrays. The two regions meet
 * exactly when the file holds the declared number of entries, so no count pass and no final copy
 * are needed (symmetric files close a gap of the unmirrored diagonal with one copy).
 *
 * Whichever thread is free first takes the back half: if the worker has not started it when the
 * front is done (worker still booting, or none available), the calling thread parses it itself.
 * On any irregularity (malformed line, wrong entry count, worker failure) the result is dropped and
 * the caller re-reads the file with the sequential reader, which reports the exact `ParseError`
 * (line number and text): errors cost a second pass, valid files never do.
 *
 * The worker runs an evaluated, self-contained source (the scanner of number.ts plus the functions
 * below, which receive what they call as parameters), as the kernel pool does, so no file has to
 * be resolved from TypeScript sources or from the built package on Node, Deno or Bun.
 *
 * @module
 * @internal
 */
import { type Header, readHeader } from './header.js';
import { type ScanState, scanEntries, scannerSource } from './number.js';
import { scanMode } from './mmread.js';

/** Positional read: up to `length` bytes at file offset `position` into buf[offset..]; returns the count. @internal */
export type PositionalRead = (buf: Uint8Array, offset: number, length: number, position: number) => number;

/** Layout of the control words (Int32) shared with the worker. */
const CLAIM = 0; // 0 open, 1 taken by the worker, 2 taken by the caller
const STATUS = 1; // 0 running, 1 done, 2 failed
const PROGRESS = 2; // blocks done (watchdog)
const K = 3; // entries read by the back half
const Q = 4; // entries stored by the back half
const CTRL_WORDS = 5;

/** Bytes per block of the back half (grows for longer lines). */
const BLOCK = 1 << 20;
/** Smallest file the automatic mode parses on two threads. @internal */
export const PARALLEL_MIN_BYTES = 8 << 20;
/** The caller gives up on a worker that makes no progress for this long (then reads sequentially). */
let STALL_MS = 30_000;

/** Test hook: shorten the stall timeout (milliseconds). @internal */
export function setParallelStallMs(ms: number): void {
  STALL_MS = ms;
}

type Scan = typeof scanEntries;

/**
 * Parse the whole lines of file bytes [from, to) (`from` a line start; `to` a line start or the end
 * of the file) block by block from the end, storing each block's entries just below the previous
 * ones so that the range's entries end at `cap`, in file order. Returns [entries read, entries
 * stored], or null on any malformed line or when the range holds more than `nnz` entries.
 * Self-contained (everything it calls is a parameter): it also runs in the worker. @internal
 */
export function parseBackRange(
  scan: Scan,
  pread: PositionalRead,
  from: number,
  to: number,
  m: number,
  n: number,
  nnz: number,
  mode: number,
  row: Int32Array,
  col: Int32Array,
  data: Float64Array,
  cap: number,
  ctrl: Int32Array | null,
  cache: Record<string, unknown>,
): [number, number] | null {
  const per = (mode & 1) !== 0 ? 2 : 1;
  let B = (cache['B'] as number | undefined) ?? 1 << 20;
  let buf = (cache['buf'] as Uint8Array | undefined) ?? new Uint8Array(B);
  let tr = (cache['row'] as Int32Array | undefined) ?? new Int32Array(B >> 3);
  let tc = (cache['col'] as Int32Array | undefined) ?? new Int32Array(B >> 3);
  let td = (cache['data'] as Float64Array | undefined) ?? new Float64Array(B >> 3);
  const st: ScanState = { k: 0, q: 0, line: 0, err: 0, errPos: 0, errValue: 0, errIndex: 0 };
  let e = to;
  let w = cap;
  let total = 0;
  try {
    while (e > from) {
      const s = Math.max(from, e - B);
      const len = e - s;
      let got = 0;
      while (got < len) {
        const r = pread(buf, got, len - got, s + got);
        if (r <= 0) return null;
        got += r;
      }
      let p0 = 0;
      if (s > from) {
        // The first line start inside the block (a newline at its last byte starts no line in it).
        while (p0 < len - 1 && buf[p0] !== 10) p0++;
        if (p0 >= len - 1) {
          // A line longer than the block: double the block and read again.
          B *= 2;
          buf = new Uint8Array(B);
          continue;
        }
        p0++;
      }
      const view = len === buf.length ? buf : buf.subarray(0, len);
      for (;;) {
        st.k = 0;
        st.q = 0;
        st.err = 0;
        const end = scan(view, p0, len, st, m, n, nnz - total + 1, mode, tr, tc, td);
        if (st.err !== 0 || end < len) return null;
        if (st.q <= tr.length) break;
        // More entries than the scratch holds (short lines): the most a block can hold, then rescan.
        const most = per * ((len >> 2) + 1);
        tr = new Int32Array(most);
        tc = new Int32Array(most);
        td = new Float64Array(most);
      }
      total += st.k;
      if (total > nnz || st.q > w) return null;
      w -= st.q;
      row.set(tr.subarray(0, st.q), w);
      col.set(tc.subarray(0, st.q), w);
      data.set(td.subarray(0, st.q), w);
      e = s + p0;
      if (ctrl !== null) Atomics.add(ctrl, 2, 1);
    }
  } finally {
    cache['B'] = B;
    cache['buf'] = buf;
    cache['row'] = tr;
    cache['col'] = tc;
    cache['data'] = td;
  }
  return [total, cap - w];
}

/** A task for the worker: the back half of one file. */
interface BackTask {
  ctrl: SharedArrayBuffer;
  path: string;
  from: number;
  to: number;
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
 * The worker's body (evaluated from its source text with `scan` and `parseBack` in scope): for
 * each task message, claim the back half unless the caller already has, parse it with its own
 * file handle, and report through the control words. @internal
 */
export function readerWorkerMain(scan: Scan, parseBack: typeof parseBackRange): void {
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
      const r = parseBack(scan, (b, o, l, pos) => fs.readSync(file, b, o, l, pos), t.from, t.to, t.m, t.n, t.nnz, t.mode, new Int32Array(t.row), new Int32Array(t.col), new Float64Array(t.data), t.cap, ctrl, cache);
      if (r !== null) {
        ctrl[3] = r[0];
        ctrl[4] = r[1];
        status = 1;
      }
    } catch {
      status = 2;
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
    const src = `"use strict";\n${scannerSource()}\n${parseBackRange.toString()}\n(${readerWorkerMain.toString()})(scanEntries, parseBackRange);\n`;
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
  /** Offer the back half to the worker (default true); false: the caller parses both halves. */
  useWorker?: boolean;
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
  const mirror = (mode & 1) !== 0;
  const cap = mirror ? 2 * nnz : nnz;
  const INT32_MAX = 2147483647;
  if (m > INT32_MAX || n > INT32_MAX || cap > INT32_MAX || nnz < 2 || nnz > Math.floor((size - h.pos) / 4) + 1) return null;
  // The cut: the first line start at or after the middle of the entry section.
  const probe = new Uint8Array(1 << 16);
  let mid = h.pos + Math.floor((size - h.pos) / 2);
  for (;;) {
    const r = pread(probe, 0, Math.min(probe.length, size - mid), mid);
    if (r <= 0) return null;
    let t = 0;
    while (t < r && probe[t] !== 10) t++;
    mid += t;
    if (t < r) break;
  }
  mid++;
  if (mid >= size) return null;

  const rowBuf = new SharedArrayBuffer(4 * cap);
  const colBuf = new SharedArrayBuffer(4 * cap);
  const dataBuf = new SharedArrayBuffer(8 * cap);
  const ctrlBuf = new SharedArrayBuffer(4 * CTRL_WORDS);
  const row = new Int32Array(rowBuf);
  const col = new Int32Array(colBuf);
  const data = new Float64Array(dataBuf);
  const ctrl = new Int32Array(ctrlBuf);
  const w = options.useWorker === false ? null : readerWorker();
  if (w !== null) {
    const task: BackTask = { ctrl: ctrlBuf, path, from: mid, to: size, m, n, nnz, mode, row: rowBuf, col: colBuf, data: dataBuf, cap };
    try {
      w.postMessage(task);
    } catch {
      // The caller takes the back half below.
    }
  }

  // Front half, forward, straight into the output.
  const front = parseFront(pread, h.pos, mid, m, n, nnz, mode, row, col, data);

  // Back half: ours if the worker has not taken it.
  let back: [number, number] | null = null;
  if (Atomics.compareExchange(ctrl, CLAIM, 0, 2) === 0) {
    back = front === null ? null : parseBackRange(scanEntries, pread, mid, size, m, n, nnz, mode, row, col, data, cap, null, mainCache);
  } else {
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
    // Unmirrored diagonal entries of a symmetric file: close the gap between the halves.
    row.copyWithin(front[1], cap - back[1], cap);
    col.copyWithin(front[1], cap - back[1], cap);
    data.copyWithin(front[1], cap - back[1], cap);
    return { row: row.subarray(0, q), col: col.subarray(0, q), data: data.subarray(0, q), shape: [m, n] };
  }
  return { row, col, data, shape: [m, n] };
}

/** Scratch of the front half's reads (reused: fresh memory costs page faults). */
let frontBuf: Uint8Array | null = null;

/** Parse file bytes [from, to) (whole lines) forward into the output from 0: [entries read, stored], or null. */
function parseFront(
  pread: PositionalRead,
  from: number,
  to: number,
  m: number,
  n: number,
  nnz: number,
  mode: number,
  row: Int32Array,
  col: Int32Array,
  data: Float64Array,
): [number, number] | null {
  if (frontBuf === null) frontBuf = new Uint8Array(BLOCK);
  let buf = frontBuf;
  const st: ScanState = { k: 0, q: 0, line: 0, err: 0, errPos: 0, errValue: 0, errIndex: 0 };
  let pos = from; // file offset of buf[0]
  let fill = 0;
  for (;;) {
    // Fill the buffer, then parse its complete lines.
    const want = Math.min(buf.length - fill, to - pos - fill);
    let got = 0;
    while (got < want) {
      const r = pread(buf, fill + got, want - got, pos + fill + got);
      if (r <= 0) return null;
      got += r;
    }
    fill += got;
    const atEnd = pos + fill >= to;
    let limit = fill;
    if (!atEnd) while (limit > 0 && buf[limit - 1] !== 10) limit--;
    if (limit === 0) {
      if (atEnd) break;
      // A line longer than the buffer.
      const bigger = new Uint8Array(buf.length * 2);
      bigger.set(buf.subarray(0, fill));
      buf = bigger;
      continue;
    }
    const view = limit === buf.length ? buf : buf.subarray(0, limit);
    const end = scanEntries(view, 0, limit, st, m, n, nnz + 1, mode, row, col, data);
    if (st.err !== 0 || end < limit || st.k > nnz) return null;
    if (atEnd) break;
    buf.copyWithin(0, limit, fill);
    pos += limit;
    fill -= limit;
  }
  return [st.k, st.q];
}
