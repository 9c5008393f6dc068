"""Regenerate test/fixtures/golden/linalg-dense.json: NumPy oracles for the dense routines.

Run from the repository root: python3 test/linalg/dense/make-golden.py
The matrices themselves are stored (NumPy's default_rng, seeds fixed), so the tests need no RNG match.
"""
import json, os
import numpy as np
import scipy.io, scipy.sparse as sp

root = os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures')


def with_cond(m, n, cond, seed):
    rng = np.random.default_rng(seed)
    k = min(m, n)
    U, _ = np.linalg.qr(rng.standard_normal((m, k)))
    V, _ = np.linalg.qr(rng.standard_normal((n, k)))
    s = np.logspace(0, -np.log10(cond), k)
    return (U * s) @ V.T


rng = np.random.default_rng(2024)
mats = {
    'tall': rng.standard_normal((60, 25)),
    'wide': rng.standard_normal((25, 60)),
    'square': rng.standard_normal((40, 40)),
    'illcond_tall': with_cond(50, 30, 1e10, 7),
    'illcond_square': with_cond(30, 30, 1e10, 8),
}
# rank-deficient: 40 x 20 of rank 12
mats['rankdef'] = rng.standard_normal((40, 12)) @ rng.standard_normal((12, 20))
# real fixture: ash219 (219 x 85 pattern): AᵀA + I (85 x 85, SPD), and the matrix itself
ash = sp.csr_array(scipy.io.mmread(os.path.join(root, 'matrices', 'ash219.mtx')), dtype=float).toarray()
mats['ash219'] = ash
mats['ash219_gram'] = ash.T @ ash + np.eye(ash.shape[1])
sym = rng.standard_normal((40, 40))
mats['sym'] = (sym + sym.T) / 2
# symmetric with a cluster of equal eigenvalues and a 1e10 spread
Q, _ = np.linalg.qr(rng.standard_normal((30, 30)))
ev = np.concatenate([np.full(5, 2.0), np.logspace(-10, 0, 25)])
mats['sym_illcond'] = (Q * ev) @ Q.T
mats['sym_illcond'] = (mats['sym_illcond'] + mats['sym_illcond'].T) / 2

out = {'numpy': np.__version__, 'cases': {}}
for name, A in mats.items():
    m, n = A.shape
    big = name.startswith('ash219')
    # The fixture-based matrices are rebuilt from the .mtx file by the tests.
    c = {'shape': [m, n]} if big else {'A': A.tolist(), 'shape': [m, n]}
    c['sv'] = np.linalg.svd(A, compute_uv=False).tolist()
    c['absdiagR'] = np.abs(np.diag(np.linalg.qr(A, mode='r'))).tolist()
    c['rank'] = int(np.linalg.matrix_rank(A))
    c['cond'] = float(np.linalg.cond(A))
    b = np.sin(np.arange(1, m + 1))
    c['b'] = b.tolist()
    x, res, rk, sv = np.linalg.lstsq(A, b, rcond=None)
    c['lstsq'] = x.tolist()
    if not big:
        c['pinv'] = np.linalg.pinv(A).tolist()
    if m == n and np.allclose(A, A.T):
        c['eigvalsh'] = np.linalg.eigvalsh(A).tolist()
    out['cases'][name] = c

with open(os.path.join(root, 'golden', 'linalg-dense.json'), 'w') as f:
    json.dump(out, f)
print({k: (v['shape'], v['rank'], v['cond']) for k, v in out['cases'].items()})
