#!/usr/bin/env bash
# Stage what bench/webgpu/device.sh needs into a folder of the main checkout that git ignores
# (default /work/main/.gpu), for the device tool's `carry`: the built dist/, bench/webgpu, the
# runtime dependencies' node_modules with a package.json naming them, Deno (xz) and the Vulkan/GL
# loader packages. Run after `npm run build` in the worktree to stage.
set -eu
src="$(cd "$(dirname "$0")/../.." && pwd)"
g="${1:-/work/main/.gpu}"
mkdir -p "$g/gl" "$g/node_modules" "$g/bench"
rm -rf "$g/dist" "$g/bench/webgpu"
cp -r "$src/dist" "$g/dist"
cp -r "$src/bench/webgpu" "$g/bench/webgpu"
for p in ndarray ndarray-ops seedrandom iota-array is-buffer cwise-compiler uniq; do
  [ -d "$g/node_modules/$p" ] || cp -rL "$src/node_modules/$p" "$g/node_modules/"
done
printf '{ "name": "gpu-bench", "private": true, "type": "module", "dependencies": { "ndarray": "*", "ndarray-ops": "*", "seedrandom": "*" } }\n' > "$g/package.json"
if [ ! -s "$g/deno.xz" ]; then
  deno="${SPARSITY_DENO:-$(command -v deno)}"
  xz -T2 -6 -c "$deno" > "$g/deno.xz"
fi
if ! ls "$g"/gl/*.deb >/dev/null 2>&1; then
  mkdir -p /tmp/amd64/partial
  o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
  apt-get $o update >/dev/null
  (cd "$g/gl" && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
fi
# Optional: the `webgpu` package (Dawn) for dawn.mjs, its Linux x64 addon xz-compressed.
if [ -n "${SPARSITY_WEBGPU_PKG:-}" ] && [ ! -s "$g/webgpu/dawn.node.xz" ]; then
  mkdir -p "$g/webgpu"
  cp "$SPARSITY_WEBGPU_PKG/index.js" "$SPARSITY_WEBGPU_PKG/package.json" "$g/webgpu/"
  xz -T2 -6 -c "$SPARSITY_WEBGPU_PKG/dist/linux-x64/dawn.node" > "$g/webgpu/dawn.node.xz"
fi
du -sh "$g"
