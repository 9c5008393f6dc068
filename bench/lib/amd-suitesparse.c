/* SuiteSparse AMD on one graph, for the AMD comparison of bench/ab/amd-suitesparse.mjs (compiled
 * there where `cc` and Debian's libsuitesparse-dev are present). The graph file holds "n nnz", then
 * the n+1 column pointers and the nnz row indices of a symmetric pattern without its diagonal (as
 * text); the perm file holds another ordering of it (ours), n indices.
 *
 *   amd-suitesparse GRAPH PERM REPS
 *
 * Prints one JSON line: CPU µs per call of amd_order (with its defaults; it forms A + Aᵀ and
 * checks the input too) and of amd_2 alone (the ordering loop on a prepared quotient graph with the
 * elbow room our amdSizes gives), Info's LNZ and NCMPA, the number of pivots (elements) and of
 * variables merged into them, and the exact number of entries below the diagonal of L for
 * SuiteSparse's order and for the given one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <amd.h>

/* amd_2 is exported by libamd but declared only in its internal header. */
void amd_2(int n, int Pe[], int Iw[], int Len[], int iwlen, int pfree, int Nv[], int Next[], int Last[],
           int Head[], int Elen[], int Degree[], int W[], double Control[], double Info[]);

static double cpu(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

/* Entries below the diagonal of L for the graph (plus a diagonal) in the order p: the elimination
 * tree, then each row's pattern as the union of the tree paths from its entries. */
static long lower_fill(int n, const int *ptr, const int *idx, const int *p) {
  int *pinv = malloc(n * sizeof(int)), *parent = malloc(n * sizeof(int));
  int *anc = malloc(n * sizeof(int)), *mark = malloc(n * sizeof(int));
  long count = 0;
  for (int k = 0; k < n; k++) { pinv[p[k]] = k; parent[k] = anc[k] = mark[k] = -1; }
  for (int k = 0; k < n; k++) {
    int j = p[k];
    for (int q = ptr[j]; q < ptr[j + 1]; q++) {
      for (int i = pinv[idx[q]]; i != -1 && i < k;) {
        int next = anc[i];
        anc[i] = k;
        if (next == -1) { parent[i] = k; break; }
        i = next;
      }
    }
  }
  for (int k = 0; k < n; k++) {
    int j = p[k];
    mark[k] = k;
    for (int q = ptr[j]; q < ptr[j + 1]; q++) {
      for (int i = pinv[idx[q]]; i < k && mark[i] != k; i = parent[i]) { mark[i] = k; count++; }
    }
  }
  free(pinv); free(parent); free(anc); free(mark);
  return count;
}

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  int n, nnz, reps = atoi(argv[3]);
  FILE *f = fopen(argv[1], "r");
  if (!f || fscanf(f, "%d %d", &n, &nnz) != 2) return 1;
  int *ptr = malloc((n + 1) * sizeof(int)), *idx = malloc((nnz + 1) * sizeof(int));
  for (int i = 0; i <= n; i++) if (fscanf(f, "%d", &ptr[i]) != 1) return 1;
  for (int i = 0; i < nnz; i++) if (fscanf(f, "%d", &idx[i]) != 1) return 1;
  fclose(f);
  int *ours = malloc(n * sizeof(int)), *P = malloc(n * sizeof(int));
  f = fopen(argv[2], "r");
  if (!f) return 1;
  for (int i = 0; i < n; i++) if (fscanf(f, "%d", &ours[i]) != 1) return 1;
  fclose(f);

  double Control[AMD_CONTROL], Info[AMD_INFO];
  amd_defaults(Control);
  amd_order(n, ptr, idx, P, Control, Info);
  double t0 = cpu();
  for (int r = 0; r < reps; r++) amd_order(n, ptr, idx, P, Control, Info);
  double order_us = (cpu() - t0) / reps * 1e6;
  double lnz = Info[AMD_LNZ], ncmpa = Info[AMD_NCMPA];

  int iwlen = nnz + nnz / 5 + 2 * n + 16;
  int *Iw = malloc(iwlen * sizeof(int)), *Pe = malloc(n * sizeof(int)), *Len = malloc(n * sizeof(int));
  int *Nv = malloc(n * sizeof(int)), *Next = malloc(n * sizeof(int)), *Last = malloc(n * sizeof(int));
  int *Head = malloc(n * sizeof(int)), *Elen = malloc(n * sizeof(int)), *Degree = malloc(n * sizeof(int));
  int *W = malloc(n * sizeof(int));
  double amd2_us = 0;
  for (int r = -1; r < reps; r++) {
    if (r == 0) t0 = cpu();
    memcpy(Iw, idx, nnz * sizeof(int));
    memcpy(Pe, ptr, n * sizeof(int));
    for (int i = 0; i < n; i++) Len[i] = ptr[i + 1] - ptr[i];
    amd_2(n, Pe, Iw, Len, iwlen, nnz, Nv, Next, Last, Head, Elen, Degree, W, Control, Info);
  }
  amd2_us = (cpu() - t0) / reps * 1e6;
  int pivots = 0, merged = 0;
  for (int i = 0; i < n; i++) { if (Nv[i] > 0) pivots++; else if (Nv[i] == 0) merged++; }
  printf("{\"amd_order_us\":%.2f,\"amd_2_us\":%.2f,\"info_lnz\":%.0f,\"ncmpa\":%.0f,\"pivots\":%d,\"merged\":%d,"
         "\"fill_suitesparse\":%ld,\"fill_given\":%ld}\n",
         order_us, amd2_us, lnz, ncmpa, pivots, merged, lower_fill(n, ptr, idx, P), lower_fill(n, ptr, idx, ours));
  return 0;
}
