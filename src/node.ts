/**
 * `sparsity/node`: helpers that need a file system (Node, Deno and Bun all provide `node:fs`).
 *
 * @packageDocumentation
 */
export {};
