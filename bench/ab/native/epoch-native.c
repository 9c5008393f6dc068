// The sparse CD epoch of assembly/cd.ts (enet_epoch_csc) in C, replayed over the trace written by
// export-trace.mjs: the native ceiling of the WASM kernel's per-entry cost (issue 12). Not built
// by CI:
//   gcc -O3 -march=native -ffp-contract=off -o /tmp/epoch-native bench/ab/native/epoch-native.c
//   /tmp/epoch-native [trace dir, default /tmp/lassoceil-trace] [reps, default 3] [variant]
// Variants: 0 the kernel as in assembly/cd.ts (sequential sums: with -ffp-contract=off its
// iterates are bit-identical to the WASM kernel's, compare the hash with replay-wasm.mjs);
// 1 the gather summed in 4 interleaved partial sums; 2 the gather in 2 partial sums.
// Prints per rep the epoch time (CLOCK_PROCESS_CPUTIME_ID), ns per gathered entry, and a hash of
// the iterates (w and rs at the end of each α's epochs).
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <time.h>

static void *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) { perror(path); exit(1); }
  fseek(f, 0, SEEK_END);
  *len = (size_t)ftell(f);
  fseek(f, 0, SEEK_SET);
  void *b = aligned_alloc(64, (*len + 63) & ~(size_t)63);
  if (fread(b, 1, *len, f) != *len) { perror("read"); exit(1); }
  fclose(f);
  return b;
}

static inline double violation_of(double g, double wj, double thr, double l2, int positive) {
  double ag = g - l2 * wj;
  if (wj != 0) return fabs(ag - (wj > 0 ? thr : -thr));
  if (positive) return fmax(ag - thr, 0.0);
  return fmax(fabs(ag) - thr, 0.0);
}

static inline double coordinate_value_of(double g, double wj, double cs, double thr, double l2, int positive) {
  double z = g + cs * wj;
  double den = cs + l2;
  if (z > thr) return (z - thr) / den;
  if (z < -thr && !positive) return (z + thr) / den;
  return 0.0;
}

static inline double gather(int variant, const int32_t *restrict ix, const double *restrict dv, const double *restrict rs, int a, int e) {
  if (variant == 1) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int q = a;
    for (; q + 3 < e; q += 4) {
      s0 += dv[q] * rs[ix[q]];
      s1 += dv[q + 1] * rs[ix[q + 1]];
      s2 += dv[q + 2] * rs[ix[q + 2]];
      s3 += dv[q + 3] * rs[ix[q + 3]];
    }
    for (; q < e; q++) s0 += dv[q] * rs[ix[q]];
    return (s0 + s1) + (s2 + s3);
  }
  if (variant == 2) {
    double s0 = 0, s1 = 0;
    int q = a;
    for (; q + 1 < e; q += 2) {
      s0 += dv[q] * rs[ix[q]];
      s1 += dv[q + 1] * rs[ix[q + 1]];
    }
    if (q < e) s0 += dv[q] * rs[ix[q]];
    return s0 + s1;
  }
  double s = 0;
  for (int q = a; q < e; q++) s += dv[q] * rs[ix[q]];
  return s;
}

static double epoch(int variant, const int32_t *indptr, const int32_t *indices, const double *data, const double *colSq,
                    const double *mu, const double *pf, const int32_t *ws, int m, double *rs, double *w, double *st,
                    double l1, double l2, int positive, double vv) {
  double T = st[0], c = st[1], worst = 0;
  for (int k = 0; k < m; k++) {
    int j = ws[k];
    double cs = colSq[j];
    if (cs == 0) continue;
    double wj = w[j];
    int a = indptr[j], e = indptr[j + 1];
    double s = gather(variant, indices, data, rs, a, e);
    double muj = mu[j];
    double g = s - muj * T;
    double f = pf[j];
    double v = violation_of(g, wj, l1 * f, l2 * f, positive);
    if (v > worst) worst = v;
    double nw = coordinate_value_of(g, wj, cs, l1 * f, l2 * f, positive);
    if (nw != wj) {
      double delta = nw - wj;
      for (int q = a; q < e; q++) rs[indices[q]] = rs[indices[q]] - delta * data[q];
      if (muj != 0) { T -= delta * muj * vv; c += delta * muj; }
      w[j] = nw;
    }
  }
  st[0] = T;
  st[1] = c;
  return worst;
}

static uint64_t fnv(uint64_t h, const void *p, size_t len) {
  const unsigned char *b = p;
  for (size_t i = 0; i < len; i++) { h ^= b[i]; h *= 1099511628211ULL; }
  return h;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : "/tmp/lassoceil-trace";
  int reps = argc > 2 ? atoi(argv[2]) : 3;
  int variant = argc > 3 ? atoi(argv[3]) : 0;
  char path[4096];
  size_t len;
  snprintf(path, sizeof path, "%s/csc.bin", dir);
  char *csc = slurp(path, &len);
  int32_t *hdr = (int32_t *)csc;
  int n = hdr[0], p = hdr[1], nnz = hdr[2];
  int32_t *indptr = hdr + 4;
  int32_t *indices = indptr + (p + 1);
  // data and colSq are copied to aligned arrays (their offset in the file is only 4-byte aligned).
  double *data = malloc(sizeof(double) * nnz), *colSq = malloc(sizeof(double) * p);
  memcpy(data, indices + nnz, sizeof(double) * nnz);
  memcpy(colSq, (char *)(indices + nnz) + sizeof(double) * nnz, sizeof(double) * p);
  snprintf(path, sizeof path, "%s/states.bin", dir);
  size_t slen;
  double *states = slurp(path, &slen);
  snprintf(path, sizeof path, "%s/epochs.bin", dir);
  size_t elen;
  char *ep = slurp(path, &elen);
  double *mu = calloc(p, sizeof(double)), *pf = malloc(sizeof(double) * p);
  for (int j = 0; j < p; j++) pf[j] = 1;
  double *w = malloc(sizeof(double) * p), *rs = malloc(sizeof(double) * n), st[2];
  // The working sets are copied out of the trace into one aligned int32 array per epoch.
  int32_t *wsbuf = malloc(elen);
  for (int rep = 0; rep < reps; rep++) {
    uint64_t h = 1469598103934665603ULL;
    double t = 0, worstSum = 0;
    long long gathered = 0;
    int cur = -1;
    for (size_t off = 0; off < elen;) {
      int32_t head[2];
      double l1;
      memcpy(head, ep + off, 8);
      memcpy(&l1, ep + off + 8, 8);
      int alpha = head[0], m = head[1];
      memcpy(wsbuf, ep + off + 16, 4 * (size_t)m);
      off += 16 + 4 * (size_t)m;
      if (alpha != cur) {
        if (cur >= 0) { h = fnv(h, w, 8 * (size_t)p); h = fnv(h, rs, 8 * (size_t)n); }
        cur = alpha;
        memcpy(w, states + (size_t)alpha * (p + n), 8 * (size_t)p);
        memcpy(rs, states + (size_t)alpha * (p + n) + p, 8 * (size_t)n);
        st[0] = st[1] = 0;
      }
      for (int k = 0; k < m; k++) gathered += indptr[wsbuf[k] + 1] - indptr[wsbuf[k]];
      double t0 = now();
      worstSum += epoch(variant, indptr, indices, data, colSq, mu, pf, wsbuf, m, rs, w, st, l1, 0, 0, (double)n);
      t += now() - t0;
    }
    h = fnv(h, w, 8 * (size_t)p);
    h = fnv(h, rs, 8 * (size_t)n);
    printf("variant %d rep %d: %.3f s, %lld entries gathered, %.3f ns/entry, hash %016llx, sum of worst %.17g\n", variant, rep,
           t, gathered, 1e9 * t / gathered, (unsigned long long)h, worstSum);
  }
  return 0;
}
