"""Regenerate test/fixtures/golden/linalg-krylov.json: SciPy's iteration counts and info for gmres,
bicgstab and minres on fixture matrices and generated Poisson / convection-diffusion problems.

Run from the repository root: python3 test/linalg/iterative/make-golden-krylov.py
Problems and right-hand sides come from formulas (no RNG); test/linalg/iterative/problems.ts
rebuilds them exactly (fixture matrices are read from test/fixtures/matrices).

Square fixtures left out: the singular ones (dwt_992, Erdos971, GD97_b, Ragusa16, cover), the
complex ones (young1c, csa), and impcol_a and plskz362, on which SciPy's gmres(50) and bicgstab do
not converge (relative residual 0.86 and 0.28 after 2000 GMRES steps).
"""
import json, math, os
import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as sla
import scipy.io

root = os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures')


def mtx(name):
    return sp.csr_array(scipy.io.mmread(os.path.join(root, 'matrices', name + '.mtx')), dtype=float)


def tri(k, lo, d, up):
    return sp.diags([lo, d, up], [-1, 0, 1], shape=(k, k))


def poisson2d(k):
    T = tri(k, -1.0, 2.0, -1.0); I = sp.eye(k)
    return sp.csr_array(sp.kron(I, T) + sp.kron(T, I))


def poisson3d(k):
    T = tri(k, -1.0, 2.0, -1.0); I = sp.eye(k)
    return sp.csr_array(sp.kron(sp.kron(I, I), T) + sp.kron(sp.kron(I, T), I) + sp.kron(sp.kron(T, I), I))


def convdiff2d(k, px, py):
    """-Δu + (bx, by)·∇u, central differences; px = bx·h/2, py = by·h/2 (cell Péclet numbers)."""
    I = sp.eye(k)
    return sp.csr_array(sp.kron(I, tri(k, -1.0 - px, 2.0, -1.0 + px)) + sp.kron(tri(k, -1.0 - py, 2.0, -1.0 + py), I))


def problem(name):
    if name == 'poisson2d-30': return poisson2d(30)
    if name == 'poisson3d-10': return poisson3d(10)
    if name == 'convdiff-30': return convdiff2d(30, 0.4, 0.2)
    if name == 'convdiff-40-strong': return convdiff2d(40, 0.9, -0.6)
    if name == 'poisson2d-30-shift': return poisson2d(30)  # minres shift makes it indefinite
    if name == 'convdiff-30-scaled':  # badly scaled rows: diag(1 + (i mod 7)^2) · convdiff-30
        A = convdiff2d(30, 0.4, 0.2)
        return sp.csr_array(sp.diags(1.0 + (np.arange(A.shape[0]) % 7) ** 2) @ A)
    return mtx(name)


def rhs(n):
    return np.sin(np.arange(1, n + 1))


def jacobi(A):
    d = A.diagonal().astype(float); d[d == 0] = 1
    return sp.diags(1.0 / d)


class Count:
    def __init__(self, A):
        self.A = A; self.n = 0
        self.op = sla.LinearOperator(A.shape, matvec=self.mv, dtype=float)
    def mv(self, x):
        self.n += 1
        return self.A @ x


out = {'scipy': scipy.__version__, 'numpy': np.__version__, 'gmres': [], 'bicgstab': [], 'minres': []}

for name, restart, rtol, jac, maxiter in [
    ('poisson2d-30', 20, 1e-8, False, 1000), ('poisson3d-10', 20, 1e-8, False, 1000), ('convdiff-30', 20, 1e-8, False, 1000),
    ('convdiff-30', 50, 1e-10, False, 1000), ('convdiff-40-strong', 30, 1e-8, False, 1000),
    ('convdiff-30-scaled', 20, 1e-8, False, 1000), ('convdiff-30-scaled', 20, 1e-8, True, 1000),
    ('west0067', 67, 1e-8, False, 1000), ('bfwa62', 30, 1e-8, False, 1000), ('arrow', 20, 1e-10, False, 1000),
    ('pts5ldd03', 20, 1e-8, False, 1000), ('pts5ldd03', 20, 1e-8, True, 1000), ('can___24', 24, 1e-10, False, 1000),
    ('G51', 40, 1e-6, False, 5), ('Pd', 50, 1e-8, False, 1000),
]:
    A = problem(name); b = rhs(A.shape[0]); its = [0]
    def cb(_):
        its[0] += 1
    x, info = sla.gmres(A, b, rtol=rtol, atol=0.0, restart=restart, maxiter=maxiter, M=jacobi(A) if jac else None,
                        callback=cb, callback_type='pr_norm')
    out['gmres'].append({'problem': name, 'restart': restart, 'rtol': rtol, 'jacobi': jac, 'maxiter': maxiter, 'iterations': its[0], 'info': int(info),
                         'relres': float(np.linalg.norm(b - A @ x) / np.linalg.norm(b))})

for name, rtol, jac in [
    ('poisson2d-30', 1e-8, False), ('poisson3d-10', 1e-8, False), ('convdiff-30', 1e-8, False),
    ('convdiff-40-strong', 1e-8, False), ('convdiff-30-scaled', 1e-8, False), ('convdiff-30-scaled', 1e-8, True),
    ('bfwa62', 1e-8, False), ('west0067', 1e-8, False),
    ('arrow', 1e-10, False), ('pts5ldd03', 1e-8, False), ('Pd', 1e-8, False),
]:
    A = problem(name); b = rhs(A.shape[0]); c = Count(A)
    x, info = sla.bicgstab(c.op, b, rtol=rtol, atol=0.0, maxiter=10000, M=jacobi(A) if jac else None)
    # BiCGSTAB's count is sensitive to rounding on some problems: the range SciPy itself gives
    # when b is perturbed by 1e-15 relative noise (7 seeded draws) says how far a count may move.
    counts = []
    rng = np.random.default_rng(0)
    for _ in range(7):
        cp = Count(A)
        sla.bicgstab(cp.op, b * (1 + 1e-15 * rng.standard_normal(len(b))), rtol=rtol, atol=0.0, maxiter=10000, M=jacobi(A) if jac else None)
        counts.append(math.ceil(cp.n / 2))
    out['bicgstab'].append({'problem': name, 'rtol': rtol, 'jacobi': jac, 'iterations': math.ceil(c.n / 2), 'info': int(info),
                            'relres': float(np.linalg.norm(b - A @ x) / np.linalg.norm(b)), 'perturbed': [min(counts), max(counts)]})

for name, rtol, shift, jac in [
    ('poisson2d-30', 1e-8, 0.0, False), ('poisson3d-10', 1e-8, 0.0, False), ('poisson2d-30-shift', 1e-8, 1.0, False),
    ('pts5ldd03', 1e-8, 0.0, False), ('pts5ldd03', 1e-8, 0.0, True), ('can___24', 1e-10, 0.0, False),
    ('jagmesh7', 1e-6, 0.0, False), ('G51', 1e-6, 0.0, False), ('LFAT5', 1e-10, 0.0, False),
    ('bcspwr06', 1e-8, 0.0, False),
]:
    A = problem(name); b = rhs(A.shape[0]); its = [0]
    def cb(_):
        its[0] += 1
    x, info = sla.minres(A, b, rtol=rtol, shift=shift, maxiter=20000, M=jacobi(A) if jac else None, callback=cb)
    As = A - shift * sp.eye(A.shape[0])
    out['minres'].append({'problem': name, 'rtol': rtol, 'shift': shift, 'jacobi': jac, 'iterations': its[0], 'info': int(info),
                          'relres': float(np.linalg.norm(b - As @ x) / np.linalg.norm(b))})

with open(os.path.join(root, 'golden', 'linalg-krylov.json'), 'w') as f:
    json.dump(out, f, indent=1)
for k in ('gmres', 'bicgstab', 'minres'):
    for c in out[k]:
        print(k, c)
