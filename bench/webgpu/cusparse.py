"""cuSPARSE (through CuPy) on the matrices that gpu.mjs saved: the reference side of the WebGPU
benchmarks. One JSON line per measurement; times from CUDA events over many calls.

    python3 bench/webgpu/cusparse.py [--data DIR] part...   (parts: spmv spmm spgemm rmat)
"""
import json
import sys

import cupy as cp
import cupyx.scipy.sparse as cs
import numpy as np

args = sys.argv[1:]
data = args[args.index('--data') + 1] if '--data' in args else '/tmp/sparsity-bench'
parts = [a for i, a in enumerate(args) if not a.startswith('--') and (i == 0 or args[i - 1] != '--data')]


def load(name, dtype):
    ptr = np.fromfile(f'{data}/{name}.ptr', dtype=np.int32)
    idx = np.fromfile(f'{data}/{name}.idx', dtype=np.int32)
    val = np.fromfile(f'{data}/{name}.val', dtype=np.float64).astype(dtype)
    m, n = map(int, open(f'{data}/{name}.shape').read().split())
    return cs.csr_matrix((cp.asarray(val), cp.asarray(idx), cp.asarray(ptr)), shape=(m, n))


def timed(fn, reps):
    fn()
    cp.cuda.runtime.deviceSynchronize()
    s, e = cp.cuda.Event(), cp.cuda.Event()
    s.record()
    for _ in range(reps):
        fn()
    e.record()
    e.synchronize()
    return cp.cuda.get_elapsed_time(s, e) / reps


def out(**o):
    print(json.dumps(o), flush=True)


out(part='info', device=cp.cuda.runtime.getDeviceProperties(0)['name'].decode(), cupy=cp.__version__)
for dtype in (np.float64, np.float32):
    dn = np.dtype(dtype).name
    if 'spmv' in parts or 'spmm' in parts:
        A = load('rand', dtype)
        n = A.shape[1]
        if 'spmv' in parts:
            x = cp.random.default_rng(2).uniform(-1, 1, n).astype(dtype)
            for _ in range(3):
                out(part='cusparse-spmv', dtype=dn, nnz=int(A.nnz), msPerOp=timed(lambda: A @ x, 1000))
        if 'spmm' in parts:
            X = cp.random.default_rng(3).uniform(-1, 1, (n, 8)).astype(dtype)
            for _ in range(3):
                out(part='cusparse-spmm', dtype=dn, k=8, msPerOp=timed(lambda: A @ X, 200))
        del A
    for name in ('rand2', 'rmat'):
        if ('spgemm' if name == 'rand2' else 'rmat') not in parts:
            continue
        A = load(name, dtype)
        for _ in range(2):
            try:
                ms = timed(lambda: A @ A, 1)
                C = A @ A
                out(part=f'cusparse-spgemm-{name}', dtype=dn, nnzA=int(A.nnz), nnzC=int(C.nnz), ms=ms)
                del C
            except Exception as e:  # cuSPARSE reports resource exhaustion as an exception
                out(part=f'cusparse-spgemm-{name}', dtype=dn, error=str(e)[:300])
            cp.get_default_memory_pool().free_all_blocks()
        del A
