// Types of build-browser.mjs.
export function buildBrowserBundle(outDir?: string, options?: { minify?: boolean }): Promise<string>;
