// Types of static-server.mjs.
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}
export function startStaticServer(options: { root: string; port?: number; isolatedPrefix?: string }): Promise<StaticServer>;
