/* One sparse solve x = A \ b through SuiteSparse's C libraries, for the native ceiling of the
 * direct bench (bench/lib/native-solve.mjs compiles this where `cc` and the SuiteSparse headers,
 * Debian's libsuitesparse-dev, are present). A and b are the raw CSC files that
 * bench/compare/06-direct.mjs writes: DIR/A.indptr, DIR/A.indices (int32), DIR/A.data, DIR/b.bin
 * (float64).
 *
 *   native-solve DIR N METHOD MIN_CALLS MIN_TIME
 *
 * METHOD: cholmod (CHOLMOD's default analysis: AMD, METIS only when AMD's fill is poor; simplicial
 * or supernodal by its own rule), cholmod_amd (AMD only), cholmod_simplicial (default analysis,
 * simplicial factorization), umfpack (defaults), klu (defaults: BTF +
 * AMD), cs_cholsol / cs_lusol (CSparse with order 1, AMD on A + Aᵀ; cs_lusol with threshold
 * 0.001: the algorithm math.js's slu ports to JavaScript). Each call starts from A and b and
 * frees everything it made. The first call is timed alone (cold: nothing of the library has run
 * yet in this process), its x written to DIR/x.bin, then the call is repeated at least MIN_CALLS
 * times and MIN_TIME seconds (warm, median). Prints one JSON line: cold_wall, cold_cpu, warm_wall,
 * warm_cpu (seconds; CPU is the process's), calls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cholmod.h>
#include <umfpack.h>
#include <klu.h>
#include <cs.h>

static int n;
static int *Ap, *Ai;
static double *Ax, *b;

static void *slurp(const char *dir, const char *name, size_t *bytes) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  fseek(f, 0, SEEK_END);
  *bytes = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  void *p = malloc(*bytes ? *bytes : 1);
  if (fread(p, 1, *bytes, f) != *bytes) { perror(path); exit(2); }
  fclose(f);
  return p;
}

static double now(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp(const void *u, const void *v) {
  double a = *(const double *)u, c = *(const double *)v;
  return (a > c) - (a < c);
}

/* CHOLMOD on the upper triangle of A (stype 1); `amdOnly` restricts the analysis to AMD,
 * `simplicial` forces the simplicial (up-looking) factorization. */
static int solve_cholmod(double *x, int amdOnly, int simplicial) {
  cholmod_common c;
  cholmod_start(&c);
  if (amdOnly) { c.nmethods = 1; c.method[0].ordering = CHOLMOD_AMD; c.postorder = 1; }
  if (simplicial) c.supernodal = CHOLMOD_SIMPLICIAL;
  cholmod_sparse A = { .nrow = n, .ncol = n, .nzmax = Ap[n], .p = Ap, .i = Ai, .nz = NULL, .x = Ax, .z = NULL,
                       .stype = 1, .itype = CHOLMOD_INT, .xtype = CHOLMOD_REAL, .dtype = CHOLMOD_DOUBLE, .sorted = 1, .packed = 1 };
  cholmod_dense B = { .nrow = n, .ncol = 1, .nzmax = n, .d = n, .x = b, .z = NULL, .xtype = CHOLMOD_REAL, .dtype = CHOLMOD_DOUBLE };
  cholmod_factor *L = cholmod_analyze(&A, &c);
  int ok = L != NULL && cholmod_factorize(&A, L, &c) && c.status == CHOLMOD_OK;
  cholmod_dense *X = ok ? cholmod_solve(CHOLMOD_A, L, &B, &c) : NULL;
  ok = X != NULL;
  if (ok) memcpy(x, X->x, sizeof(double) * n);
  cholmod_free_dense(&X, &c);
  cholmod_free_factor(&L, &c);
  cholmod_finish(&c);
  return ok;
}

static int solve_umfpack(double *x) {
  double control[UMFPACK_CONTROL], info[UMFPACK_INFO];
  void *sym = NULL, *num = NULL;
  umfpack_di_defaults(control);
  int st = umfpack_di_symbolic(n, n, Ap, Ai, Ax, &sym, control, info);
  if (st == UMFPACK_OK) st = umfpack_di_numeric(Ap, Ai, Ax, sym, &num, control, info);
  if (st == UMFPACK_OK) st = umfpack_di_solve(UMFPACK_A, Ap, Ai, Ax, x, b, num, control, info);
  umfpack_di_free_numeric(&num);
  umfpack_di_free_symbolic(&sym);
  return st == UMFPACK_OK;
}

static int solve_klu(double *x) {
  klu_common c;
  klu_defaults(&c);
  klu_symbolic *sym = klu_analyze(n, Ap, Ai, &c);
  klu_numeric *num = sym ? klu_factor(Ap, Ai, Ax, sym, &c) : NULL;
  memcpy(x, b, sizeof(double) * n);
  int ok = num != NULL && klu_solve(sym, num, n, 1, x, &c);
  if (num) klu_free_numeric(&num, &c);
  if (sym) klu_free_symbolic(&sym, &c);
  return ok;
}

static int solve_csparse(double *x, int chol) {
  cs_di A = { .nzmax = Ap[n], .m = n, .n = n, .p = Ap, .i = Ai, .x = Ax, .nz = -1 };
  memcpy(x, b, sizeof(double) * n);
  return chol ? cs_di_cholsol(1, &A, x) : cs_di_lusol(1, &A, x, 0.001);
}

static int solve(const char *m, double *x) {
  if (!strcmp(m, "cholmod")) return solve_cholmod(x, 0, 0);
  if (!strcmp(m, "cholmod_amd")) return solve_cholmod(x, 1, 0);
  if (!strcmp(m, "cholmod_simplicial")) return solve_cholmod(x, 0, 1);
  if (!strcmp(m, "umfpack")) return solve_umfpack(x);
  if (!strcmp(m, "klu")) return solve_klu(x);
  if (!strcmp(m, "cs_cholsol")) return solve_csparse(x, 1);
  if (!strcmp(m, "cs_lusol")) return solve_csparse(x, 0);
  fprintf(stderr, "unknown method %s\n", m);
  exit(2);
}

int main(int argc, char **argv) {
  if (argc != 6) { fprintf(stderr, "usage: native-solve DIR N METHOD MIN_CALLS MIN_TIME\n"); return 2; }
  const char *dir = argv[1], *m = argv[3];
  n = atoi(argv[2]);
  int minCalls = atoi(argv[4]);
  double minTime = atof(argv[5]);
  size_t bytes;
  Ap = slurp(dir, "A.indptr", &bytes);
  Ai = slurp(dir, "A.indices", &bytes);
  Ax = slurp(dir, "A.data", &bytes);
  b = slurp(dir, "b.bin", &bytes);
  double *x = malloc(sizeof(double) * n);

  double w0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
  int ok = solve(m, x);
  double coldCpu = now(CLOCK_PROCESS_CPUTIME_ID) - c0, coldWall = now(CLOCK_MONOTONIC) - w0;
  if (!ok) { fprintf(stderr, "%s failed\n", m); return 1; }
  char path[4096];
  snprintf(path, sizeof path, "%s/x.bin", dir);
  FILE *f = fopen(path, "wb");
  fwrite(x, sizeof(double), n, f);
  fclose(f);

  int cap = 2000, k = 0;
  double *tw = malloc(sizeof(double) * cap), *tc = malloc(sizeof(double) * cap);
  double start = now(CLOCK_MONOTONIC);
  while (k < cap && (k < minCalls || now(CLOCK_MONOTONIC) - start < minTime)) {
    w0 = now(CLOCK_MONOTONIC); c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    solve(m, x);
    tc[k] = now(CLOCK_PROCESS_CPUTIME_ID) - c0; tw[k] = now(CLOCK_MONOTONIC) - w0;
    k++;
  }
  qsort(tw, k, sizeof(double), cmp);
  qsort(tc, k, sizeof(double), cmp);
  printf("{\"cold_wall\": %.6g, \"cold_cpu\": %.6g, \"warm_wall\": %.6g, \"warm_cpu\": %.6g, \"calls\": %d}\n",
         coldWall, coldCpu, tw[k / 2], tc[k / 2], k);
  return 0;
}
