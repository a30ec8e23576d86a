/**
 * The shipped demo seed (public/demo-seed.json, from `npm run demo-seed`), read by the Classroom
 * menu. Its own module, loaded with import() when a teacher asks for the demo lab, so zod stays out
 * of the entry chunk.
 */
import { z } from 'zod';

/** What the app reads of the demo seed: its format and the aliases of its demo keys. */
const demoSeedSchema = z.looseObject({
  format: z.literal('kms-study-lab/sandbox-export'),
  demo: z.looseObject({ keys: z.array(z.looseObject({ keyId: z.string(), aliasName: z.string() })) }),
});

/** Fetches the demo seed shipped with the app; returns its text and the aliases it creates. */
export async function fetchDemoSeed(): Promise<{ text: string; aliases: string[] }> {
  const res = await fetch(new URL('demo-seed.json', document.baseURI), { cache: 'no-cache' });
  if (!res.ok) throw new Error(`demo-seed.json answered HTTP ${res.status}`);
  const text = await res.text();
  const parsed = demoSeedSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error('demo-seed.json is not a lab export with its demo keys');
  return { text, aliases: parsed.data.demo.keys.map((k) => k.aliasName) };
}
