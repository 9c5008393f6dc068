"""cuSPARSE (through CuPy) on the matrices that gpu.mjs saved: the reference side of the WebGPU
benchmarks. One JSON line per measurement; times from CUDA events over many calls.

    python3 bench/webgpu/cusparse.py [--data DIR] part...
    (parts: spmv spmm spgemm rmat, and xtx20k xtx50k dense9k, which generate and save their matrices)

xtx20k, xtx50k: X.T.dot(X) for X = cupyx.scipy.sparse.random(N, 5000, density=0.05, format='csr',
dtype='float32', random_state=42), as in cupy/cupy#10033 (N = 20 000 reported
CUSPARSE_STATUS_INSUFFICIENT_RESOURCES, N = 50 000 an all-zero result). dense9k: A.dot(A) for a
9000-node graph of 10^7 random edges, deduplicated, as in dmlc/dgl#3444. A product that comes back is
checked against a dense cuBLAS product; an all-zero or otherwise different result is reported wrong.
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


def save(name, A):
    A.indptr.get().astype(np.int32).tofile(f'{data}/{name}.ptr')
    A.indices.get().astype(np.int32).tofile(f'{data}/{name}.idx')
    A.data.get().astype(np.float64).tofile(f'{data}/{name}.val')
    open(f'{data}/{name}.shape', 'w').write(f'{A.shape[0]} {A.shape[1]}')


def failing_input(name):
    if name.startswith('xtx'):
        N = {'xtx20k': 20000, 'xtx50k': 50000}[name]
        return cs.random(N, 5000, density=0.05, format='csr', dtype='float32', random_state=42)
    rng = np.random.default_rng(3444)
    src = cp.asarray(rng.integers(0, 9000, 10**7))
    dst = cp.asarray(rng.integers(0, 9000, 10**7))
    A = cs.coo_matrix((cp.ones(10**7, dtype=cp.float32), (src, dst)), shape=(9000, 9000)).tocsr()
    A.sum_duplicates()
    A.data[:] = 1
    return A


for name in ('xtx20k', 'xtx50k', 'dense9k'):
    if name not in parts:
        continue
    import os
    os.makedirs(data, exist_ok=True)
    X = failing_input(name)
    save(name, X)
    for dtype in (np.float32, np.float64):
        Xd = X.astype(dtype)
        prod = (lambda: Xd.T.dot(Xd)) if name.startswith('xtx') else (lambda: Xd.dot(Xd))
        D = Xd.toarray()
        ref = D.T @ D if name.startswith('xtx') else D @ D
        del D
        scale = float(cp.abs(ref).max())
        for _ in range(2):
            try:
                ms = timed(prod, 1)
                C = prod()
                err = float(cp.abs(C.toarray() - ref).max()) / scale
                allzero = int(C.nnz) == 0 or float(cp.abs(C.data).max()) == 0
                out(part=f'cusparse-spgemm-{name}', dtype=np.dtype(dtype).name, shape=list(C.shape), nnzX=int(X.nnz), nnzC=int(C.nnz), ms=ms,
                    maxRelErr=err, allZero=allzero, correct=(not allzero) and err <= 1e-3)
                del C
            except Exception as e:  # cuSPARSE reports resource exhaustion as an exception
                out(part=f'cusparse-spgemm-{name}', dtype=np.dtype(dtype).name, nnzX=int(X.nnz), error=f'{type(e).__name__}: {str(e)[:300]}')
            cp.get_default_memory_pool().free_all_blocks()
        del ref, Xd
    del X
    cp.get_default_memory_pool().free_all_blocks()
