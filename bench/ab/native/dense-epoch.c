// The dense CD epoch of assembly/cd.ts (enet_epoch_dense: per column j of the working set,
// g = xⱼᵀr, the soft-threshold update, r -= δ·xⱼ when wⱼ moves) in C, on synthetic column-major
// data of n = 1000 rows: the native per-entry cost of the dense path's epochs (issue 12), by
// vector width and by the number of partial sums of the dot. Not built by CI:
//   gcc -O3 -march=native -o /tmp/dense-epoch-native bench/ab/native/dense-epoch.c -lm
//   gcc -O3 -march=x86-64 -mtune=native -o /tmp/dense-epoch-sse2 bench/ab/native/dense-epoch.c -lm
//   /tmp/dense-epoch-native [m columns, default 535] [epochs, default 200]
// The same data as bench/ab/dense-kernel.mjs (the WASM side). Two modes: "dot" (λ₁ huge, w stays 0:
// the dot alone, as for features outside the support) and "dot+axpy" (λ₁ = 0: every coordinate
// moves). Prints CPU ns per entry (n per feature visit, as glm-phases.mjs counts), best of 3.
#include <immintrin.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpu_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

// sse2, one 2-lane partial sum: assembly/blas1.ts `dot` as compiled to WASM SIMD (f64x2).
static double dot_sse1(const double *x, const double *y, int n) {
  __m128d acc = _mm_setzero_pd();
  int i = 0;
  for (; i + 1 < n; i += 2) acc = _mm_add_pd(acc, _mm_mul_pd(_mm_loadu_pd(x + i), _mm_loadu_pd(y + i)));
  double l[2];
  _mm_storeu_pd(l, acc);
  double s0 = l[0];
  if (i < n) s0 += x[i] * y[i];
  return s0 + l[1];
}
// sse2, four 2-lane partial sums (the add latency hidden).
static double dot_sse4(const double *x, const double *y, int n) {
  __m128d a0 = _mm_setzero_pd(), a1 = a0, a2 = a0, a3 = a0;
  int i = 0;
  for (; i + 7 < n; i += 8) {
    a0 = _mm_add_pd(a0, _mm_mul_pd(_mm_loadu_pd(x + i), _mm_loadu_pd(y + i)));
    a1 = _mm_add_pd(a1, _mm_mul_pd(_mm_loadu_pd(x + i + 2), _mm_loadu_pd(y + i + 2)));
    a2 = _mm_add_pd(a2, _mm_mul_pd(_mm_loadu_pd(x + i + 4), _mm_loadu_pd(y + i + 4)));
    a3 = _mm_add_pd(a3, _mm_mul_pd(_mm_loadu_pd(x + i + 6), _mm_loadu_pd(y + i + 6)));
  }
  __m128d a = _mm_add_pd(_mm_add_pd(a0, a1), _mm_add_pd(a2, a3));
  double l[2];
  _mm_storeu_pd(l, a);
  double s = l[0] + l[1];
  for (; i < n; i++) s += x[i] * y[i];
  return s;
}
static void axpy_sse(double a, const double *x, double *y, int n) {
  __m128d av = _mm_set1_pd(a);
  int i = 0;
  for (; i + 1 < n; i += 2) _mm_storeu_pd(y + i, _mm_add_pd(_mm_loadu_pd(y + i), _mm_mul_pd(av, _mm_loadu_pd(x + i))));
  if (i < n) y[i] += a * x[i];
}
#ifdef __AVX512F__
static double dot_avx1(const double *x, const double *y, int n) {
  __m512d acc = _mm512_setzero_pd();
  int i = 0;
  for (; i + 7 < n; i += 8) acc = _mm512_fmadd_pd(_mm512_loadu_pd(x + i), _mm512_loadu_pd(y + i), acc);
  double s = _mm512_reduce_add_pd(acc);
  for (; i < n; i++) s += x[i] * y[i];
  return s;
}
static double dot_avx4(const double *x, const double *y, int n) {
  __m512d a0 = _mm512_setzero_pd(), a1 = a0, a2 = a0, a3 = a0;
  int i = 0;
  for (; i + 31 < n; i += 32) {
    a0 = _mm512_fmadd_pd(_mm512_loadu_pd(x + i), _mm512_loadu_pd(y + i), a0);
    a1 = _mm512_fmadd_pd(_mm512_loadu_pd(x + i + 8), _mm512_loadu_pd(y + i + 8), a1);
    a2 = _mm512_fmadd_pd(_mm512_loadu_pd(x + i + 16), _mm512_loadu_pd(y + i + 16), a2);
    a3 = _mm512_fmadd_pd(_mm512_loadu_pd(x + i + 24), _mm512_loadu_pd(y + i + 24), a3);
  }
  for (; i + 7 < n; i += 8) a0 = _mm512_fmadd_pd(_mm512_loadu_pd(x + i), _mm512_loadu_pd(y + i), a0);
  double s = _mm512_reduce_add_pd(_mm512_add_pd(_mm512_add_pd(a0, a1), _mm512_add_pd(a2, a3)));
  for (; i < n; i++) s += x[i] * y[i];
  return s;
}
static void axpy_avx(double a, const double *x, double *y, int n) {
  __m512d av = _mm512_set1_pd(a);
  int i = 0;
  for (; i + 7 < n; i += 8) _mm512_storeu_pd(y + i, _mm512_fmadd_pd(av, _mm512_loadu_pd(x + i), _mm512_loadu_pd(y + i)));
  for (; i < n; i++) y[i] += a * x[i];
}
#endif

typedef double (*dot_fn)(const double *, const double *, int);
typedef void (*axpy_fn)(double, const double *, double *, int);

// One epoch over columns 0..m-1 (l2 = 0, not positive): enet_epoch_dense's operations.
static double epoch(dot_fn dot, axpy_fn axpy, const double *X, int n, int m, const double *colSq, double *r, double *w, double l1) {
  double worst = 0;
  for (int j = 0; j < m; j++) {
    const double *col = X + (size_t)j * n;
    double g = dot(col, r, n);
    double wj = w[j];
    double z = g + colSq[j] * wj;
    double nw = fabs(z) > l1 ? (z - copysign(l1, z)) / colSq[j] : 0;
    double v = fabs(nw - wj);
    if (v > worst) worst = v;
    if (nw != wj) {
      axpy(-(nw - wj), col, r, n);
      w[j] = nw;
    }
  }
  return worst;
}

int main(int argc, char **argv) {
  const int n = 1000;
  int m = argc > 1 ? atoi(argv[1]) : 535;
  int epochs = argc > 2 ? atoi(argv[2]) : 200;
  double *X = aligned_alloc(64, (size_t)n * m * 8);
  double *r0 = aligned_alloc(64, n * 8), *r = aligned_alloc(64, n * 8);
  double *w = calloc(m, 8), *colSq = calloc(m, 8);
  // The data of bench/ab/dense-kernel.mjs.
  for (int j = 0; j < m; j++)
    for (int i = 0; i < n; i++) X[(size_t)j * n + i] = (double)((i * 7 + j * 13) % 101 - 50) / 50.0;
  for (int j = 0; j < m; j++) {
    double s = 0;
    for (int i = 0; i < n; i++) s += X[(size_t)j * n + i] * X[(size_t)j * n + i];
    colSq[j] = s;
  }
  for (int i = 0; i < n; i++) r0[i] = (double)((i * 3) % 17 - 8) / 8.0;
  struct { const char *name; dot_fn dot; axpy_fn axpy; } v[] = {
    {"sse2, 1 partial sum (as WASM)", dot_sse1, axpy_sse},
    {"sse2, 4 partial sums", dot_sse4, axpy_sse},
#ifdef __AVX512F__
    {"avx512, 1 partial sum", dot_avx1, axpy_avx},
    {"avx512, 4 partial sums", dot_avx4, axpy_avx},
#endif
  };
  printf("n %d, m %d (%.1f MB), %d epochs\n", n, m, n * (double)m * 8 / 1e6, epochs);
  for (int mode = 0; mode < 2; mode++) {
    double l1 = mode == 0 ? 1e300 : 0;
    for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
      double best = 1e30, chk = 0;
      for (int rep = 0; rep < 3; rep++) {
        for (int i = 0; i < n; i++) r[i] = r0[i];
        for (int j = 0; j < m; j++) w[j] = 0;
        double t0 = cpu_s();
        for (int e = 0; e < epochs; e++) chk += epoch(v[k].dot, v[k].axpy, X, n, m, colSq, r, w, l1);
        double t = cpu_s() - t0;
        if (t < best) best = t;
      }
      printf("%-9s %-32s %.3f ns per entry (check %g)\n", mode == 0 ? "dot" : "dot+axpy", v[k].name, best * 1e9 / ((double)epochs * m * n), chk);
    }
  }
  return 0;
}
