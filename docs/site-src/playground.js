// The playground page: pick a bundled matrix or drop a .mtx file, see its spy picture, run
// SpMV / SpGEMM / CG / eigsh with timings, and an optimal-transport example with its
// convergence plot. The computations live in playground-core.js (shared with the site's test).
import * as sp from './sparsity.js';
import { readMatrix, runOT, runSolvers, spyPicture } from './playground-core.js';

const $ = (id) => document.getElementById(id);
const now = () => performance.now();
let current = null;

function svgImage(svg, alt) {
  const img = new Image();
  img.alt = alt;
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  return img;
}

function fmtValue(v) {
  if (Array.isArray(v)) return v.map(fmtValue).join(', ');
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? v.toPrecision(10) : v.toExponential(6);
}

function fmtTime(s) {
  if (s === null) return '';
  return s < 1e-3 ? `${(s * 1e6).toFixed(1)} µs` : s < 1 ? `${(s * 1e3).toFixed(2)} ms` : `${s.toFixed(2)} s`;
}

/** Rows of results into a table; each value cell keeps the exact number in data-value. */
function table(el, rows) {
  el.replaceChildren();
  for (const r of rows) {
    const tr = document.createElement('tr');
    tr.dataset.key = r.key;
    const label = document.createElement('td');
    label.textContent = r.label;
    const value = document.createElement('td');
    value.className = 'value';
    value.textContent = fmtValue(r.value);
    value.dataset.value = JSON.stringify(r.value);
    const time = document.createElement('td');
    time.className = 'time';
    time.textContent = fmtTime(r.seconds);
    tr.append(label, value, time);
    el.append(tr);
  }
}

function fail(e) {
  $('error').textContent = String(e && e.message ? e.message : e);
  $('error').hidden = false;
}

function load(text, name) {
  $('error').hidden = true;
  try {
    const A = readMatrix(sp, text);
    current = { A, name };
    $('matrix-name').textContent = name;
    $('spy').replaceChildren(svgImage(spyPicture(sp, A, name), `sparsity pattern of ${name}`));
    $('run').disabled = false;
    $('results').replaceChildren();
    $('cg-plot').replaceChildren();
    document.body.dataset.loaded = name;
  } catch (e) {
    fail(e);
  }
}

async function loadBundled(name) {
  const r = await fetch(`matrices/${name}.mtx`);
  if (!r.ok) throw new Error(`matrices/${name}.mtx: HTTP ${r.status}`);
  load(await r.text(), name);
}

function info() {
  const k = sp.kernelInfo();
  $('backend').textContent = `WASM SIMD: ${k.wasm ? 'on' : `off (${k.wasmReason})`} · threads: ${k.threads ? `${k.workers} workers, ${k.cpus} CPUs (async kernels)` : 'off (page not cross-origin isolated)'} · backend setting: ${k.backend}`;
}

$('run').addEventListener('click', () => {
  if (!current) return;
  $('run').disabled = true;
  document.body.dataset.state = 'running';
  // Let the "running" state paint before the synchronous work starts.
  setTimeout(() => {
    try {
      const r = runSolvers(sp, current.A, now);
      table($('results'), r.rows);
      $('cg-plot').replaceChildren(svgImage(sp.convergencePlot(r.cgHistory, { title: `CG on M (from ${current.name})`, yLabel: '‖r‖₂' }), 'CG convergence'));
      document.body.dataset.state = 'done';
      document.body.dataset.ran = current.name;
    } catch (e) {
      fail(e);
    } finally {
      $('run').disabled = false;
      info();
    }
  }, 20);
});

$('run-ot').addEventListener('click', () => {
  $('run-ot').disabled = true;
  setTimeout(() => {
    try {
      const r = runOT(sp, now);
      table($('ot-results'), r.rows);
      $('ot-plot').replaceChildren(svgImage(r.plot, 'convergence of Sinkhorn and SNS'));
      document.body.dataset.ot = 'done';
    } catch (e) {
      fail(e);
    } finally {
      $('run-ot').disabled = false;
    }
  }, 20);
});

$('matrix').addEventListener('change', (ev) => loadBundled(ev.target.value).catch(fail));
$('file').addEventListener('change', async (ev) => {
  const f = ev.target.files[0];
  if (f) load(await f.text(), f.name);
});
const drop = $('drop');
drop.addEventListener('dragover', (ev) => {
  ev.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', async (ev) => {
  ev.preventDefault();
  drop.classList.remove('over');
  const f = ev.dataTransfer.files[0];
  if (f) load(await f.text(), f.name);
});

await sp.loadWasm();
info();
await loadBundled($('matrix').value).catch(fail);
document.body.dataset.ready = 'true';
