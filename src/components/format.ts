export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '…';
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
