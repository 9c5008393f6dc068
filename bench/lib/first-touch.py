# Cost of first-touch page faults on this machine, with and without transparent huge pages
# (MADV_HUGEPAGE, as NumPy asks for on large arrays; V8 and WASM memory never ask). Touches every
# 4 KiB page of a fresh 256 MiB anonymous mapping and reports the CPU time per page, minus a retouch
# of the same (now resident) pages. Used by the cold-loop section to explain its fault counts:
#   python3 bench/lib/first-touch.py
import mmap, resource, time, sys
MB = 256
for hp in (False, True, False, True):
    m = mmap.mmap(-1, MB << 20, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    if hp: m.madvise(mmap.MADV_HUGEPAGE)
    r0 = resource.getrusage(resource.RUSAGE_SELF); c0 = time.process_time(); t0 = time.perf_counter()
    for off in range(0, MB << 20, 4096): m[off] = 1
    r1 = resource.getrusage(resource.RUSAGE_SELF); c1 = time.process_time(); t1 = time.perf_counter()
    f = r1.ru_minflt - r0.ru_minflt
    # baseline: touching the same (now resident) pages again
    c2 = time.process_time()
    for off in range(0, MB << 20, 4096): m[off] = 2
    c3 = time.process_time()
    print(f"hugepage={hp} {MB} MiB: faults {f}, cpu {1e3*(c1-c0):.0f} ms (sys {1e3*(r1.ru_stime-r0.ru_stime):.0f}), retouch cpu {1e3*(c3-c2):.0f} ms, wall {1e3*(t1-t0):.0f} ms -> {1e6*((c1-c0)-(c3-c2))/(MB*256):.2f} us CPU per 4 KiB page")
    m.close()
