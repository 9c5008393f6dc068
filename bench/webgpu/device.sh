#!/usr/bin/env bash
# The H200 run (through the device tool): unpack the carried Vulkan loader and Deno, then run
# gpu.mjs and cusparse.py alternately on the same saved matrices. Expects the carried folder
# (default .gpu) to hold gl/*.deb, deno.xz, dist/ and bench/.
set -u
g="${1:-.gpu}"; shift || true
for f in "$g"/gl/*.deb; do dpkg -x "$f" /; done; ldconfig
python3 -c "import lzma,shutil,os; shutil.copyfileobj(lzma.open('$g/deno.xz'), open('/tmp/deno','wb')); os.chmod('/tmp/deno', 0o755)"
export XDG_RUNTIME_DIR=/tmp DENO_NO_UPDATE_CHECK=1
probe() { /tmp/deno eval 'const a = await navigator.gpu.requestAdapter(); console.log(a ? `adapter: ${a.info.description}; features: ${[...a.features].join(" ")}; subgroup sizes ${a.info.subgroupMinSize}-${a.info.subgroupMaxSize}; workgroup storage ${a.limits.maxComputeWorkgroupStorageSize}` : "no adapter"); if (!a) Deno.exit(1);'; }
if ! probe; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
  probe || { cat /usr/share/vulkan/icd.d/*.json; VK_LOADER_DEBUG=error,warn probe 2>&1 | tail -20; exit 1; }
fi
deno() { /tmp/deno run -A "$g/bench/webgpu/gpu.mjs" --dist "$(pwd)/$g/dist" --threads 16 "$@"; }
# A shader disk cache of the driver's own in a fresh folder: a cold start, as on a new machine.
fresh() { export __GL_SHADER_DISK_CACHE_PATH="$(mktemp -d /tmp/glcache.XXXX)"; }
for part in "$@"; do
  case "$part" in
    spmv|spmm) deno "$part"; python3 "$g/bench/webgpu/cusparse.py" "$part"; deno "$part"; python3 "$g/bench/webgpu/cusparse.py" "$part" ;;
    spgemm|rmat) deno "$part"; python3 "$g/bench/webgpu/cusparse.py" "$part" ;;
    # cusparse.py generates and saves these inputs (as the public reports did), then gpu.mjs reads them.
    xtx20k|xtx50k|dense9k) python3 "$g/bench/webgpu/cusparse.py" "$part"; deno "$part" ;;
    # Two processes: the second finds the pipelines in the driver's disk cache.
    cgonce) fresh; deno cgonce; deno cgonce ;;
    # The `webgpu` package (Dawn) through Deno's Node-API, if stage.sh staged it.
    dawn) mkdir -p /tmp/webgpu/dist/linux-x64; cp "$g/webgpu/index.js" "$g/webgpu/package.json" /tmp/webgpu/
      python3 -c "import lzma,shutil; shutil.copyfileobj(lzma.open('$g/webgpu/dawn.node.xz'), open('/tmp/webgpu/dist/linux-x64/dawn.node','wb'))"
      /tmp/deno run -A "$g/bench/webgpu/dawn.mjs" --dist "$(pwd)/$g/dist" --webgpu /tmp/webgpu/index.js; echo "{\"part\":\"dawn-exit\",\"status\":$?}" ;;
    *) fresh; deno "$part" ;;
  esac
done
