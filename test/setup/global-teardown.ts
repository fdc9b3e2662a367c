export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __CREDENCE_PG__?: { stop(): Promise<void> } }).__CREDENCE_PG__;
  await server?.stop();
}
