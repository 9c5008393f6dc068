"""Regenerate test/fixtures/golden/linalg-iterative.json (SciPy oracles for cg / lsqr / eigsh).

Run from the repository root: python3 test/linalg/iterative/make-golden.py
Problems are built from deterministic formulas (no RNG) so the TypeScript tests rebuild them exactly.
"""
import json, os
import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as sla
import scipy.io

root = os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures')


def mtx(name):
    A = scipy.io.mmread(os.path.join(root, 'matrices', name + '.mtx'))
    return sp.csr_array(A, dtype=float)


def poisson2d(k):
    T = sp.diags([-1, 2, -1], [-1, 0, 1], shape=(k, k))
    I = sp.eye(k)
    return sp.csr_array(sp.kron(I, T) + sp.kron(T, I))


def count_cg(A, b, rtol, M=None):
    it = [0]
    def cb(_):
        it[0] += 1
    x, info = sla.cg(A, b, rtol=rtol, atol=0.0, M=M, callback=cb, maxiter=100000)
    return it[0], info, float(np.linalg.norm(b - A @ x))


out = {'scipy': scipy.__version__, 'numpy': np.__version__}

# cg
cgcases = []
A = poisson2d(30); n = A.shape[0]
b = np.sin(np.arange(1, n + 1))
for rtol in (1e-6, 1e-10):
    its, info, res = count_cg(A, b, rtol)
    cgcases.append({'problem': 'poisson30', 'rtol': rtol, 'jacobi': False, 'iterations': its, 'info': info})
B = mtx('bcspwr06')
n = B.shape[0]
# badly scaled SPD: D (BᵀB + I) D with D = diag(1 + (i mod 7)^2)
d = 1.0 + (np.arange(n) % 7) ** 2
D = sp.diags(d)
A = sp.csr_array(D @ (B.T @ B + sp.eye(n)) @ D)
b = np.cos(np.arange(n))
for jac in (False, True):
    M = sp.diags(1.0 / A.diagonal()) if jac else None
    its, info, res = count_cg(A, b, 1e-8, M)
    cgcases.append({'problem': 'bcspwr06-scaled', 'rtol': 1e-8, 'jacobi': jac, 'iterations': its, 'info': info})
out['cg'] = cgcases

with open(os.path.join(root, 'golden', 'linalg-iterative.json'), 'w') as f:
    json.dump(out, f, indent=1)
print(json.dumps(out, indent=1))
