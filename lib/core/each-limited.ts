// Runs an async step over items with at most `limit` in flight, for fan-out I/O that
// should overlap without opening a connection per item.

export async function eachLimited<T>(items: readonly T[], limit: number, step: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await step(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}
