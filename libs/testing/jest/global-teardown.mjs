export default async function globalTeardown() {
  if (globalThis.__kiertoPostgres) await globalThis.__kiertoPostgres.stop();
}
