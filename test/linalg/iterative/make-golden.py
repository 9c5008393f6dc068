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

# lsqr: SciPy's result fields on real fixture matrices (b built from formulas)
def lsqr_case(name, A, b, **kw):
    r = sla.lsqr(A, b, **kw)
    x, istop, itn, r1, r2, anorm, acond, arnorm, xnorm = r[:9]
    return {'problem': name, 'options': kw, 'istop': int(istop), 'iterations': int(itn), 'x': x.tolist(),
            'r1norm': float(r1), 'r2norm': float(r2), 'anorm': float(anorm), 'acond': float(acond),
            'arnorm': float(arnorm), 'xnorm': float(xnorm)}

ash = mtx('ash219')                      # 219 x 85, overdetermined, inconsistent b
b_ash = np.sin(np.arange(1, ash.shape[0] + 1))
lp = mtx('lp_e226')                      # 223 x 472, underdetermined
b_lp = np.cos(np.arange(lp.shape[0]))
ls = []
ls.append(lsqr_case('ash219', ash, b_ash))
ls.append(lsqr_case('ash219', ash, b_ash, atol=1e-12, btol=1e-12))
ls.append(lsqr_case('ash219', ash, b_ash, damp=0.5, atol=1e-10, btol=1e-10))
ls.append(lsqr_case('lp_e226', lp, b_lp, atol=1e-10, btol=1e-10, iter_lim=5000))
ls.append(lsqr_case('lp_e226', lp, b_lp, conlim=100.0, iter_lim=5000))
ls.append(lsqr_case('lp_e226', lp, b_lp, iter_lim=15))
out['lsqr'] = ls

# eigsh (ARPACK) on real fixture matrices; eigenvalues ascending
eg = []
for name, which in [('bcspwr10', 'LM'), ('bcspwr10', 'LA'), ('bcspwr10', 'SA'), ('dwt_992', 'LA'), ('dwt_992', 'SA')]:
    A = mtx(name)
    vals = sla.eigsh(A, 6, which=which, return_eigenvectors=False)
    eg.append({'problem': name, 'which': which, 'k': 6, 'values': sorted(vals.tolist())})
out['eigsh'] = eg

with open(os.path.join(root, 'golden', 'linalg-iterative.json'), 'w') as f:
    json.dump(out, f, indent=1)
print(json.dumps({k: (v if k != 'lsqr' else [{kk: vv for kk, vv in c.items() if kk != 'x'} for c in v]) for k, v in out.items()}, indent=1))
