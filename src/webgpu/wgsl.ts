/**
 * WGSL fragments shared by the kernel families: the flat workgroup index of a 2-D grid (grids
 * over 65535 workgroups are laid out in two dimensions) and the binding declarations.
 *
 * @module
 * @internal
 */

/** Entry-point builtins and the flat workgroup index `wg`. @internal */
export const ENTRY = `@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32`;

/** The flat workgroup index from {@link ENTRY}'s builtins. @internal */
export const WG_INDEX = `let wg = wid.x + wid.y * nwg.x;`;

/** Storage binding `i` named `name` of element type `t` (`read` or `read_write`). @internal */
export function storage(i: number, name: string, t: string, access: 'read' | 'read_write' = 'read'): string {
  return `@group(0) @binding(${i}) var<storage, ${access}> ${name}: array<${t}>;`;
}

/** Uniform binding `i` of struct `P` with the given `u32`/`f32` fields. @internal */
export function uniform(i: number, fields: string): string {
  return `struct P { ${fields} }\n@group(0) @binding(${i}) var<uniform> p: P;`;
}

/**
 * A workgroup tree reduction of `sh[lid]` over groups of `lanes` consecutive invocations (lanes a
 * power of two dividing the workgroup size); afterwards lane 0 of each group holds the sum. All
 * invocations must reach it (it has barriers). @internal
 */
export function treeSum(lanes: number, lane = 'lane'): string {
  return `for (var o = ${lanes / 2}u; o > 0u; o = o >> 1u) { if (${lane} < o) { sh[lid] = sh[lid] + sh[lid + o]; } workgroupBarrier(); }`;
}

/** Invocations per workgroup of the 1-D kernels. @internal */
export const WG = 256;
