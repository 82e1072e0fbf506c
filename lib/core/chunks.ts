// A list cut into runs of at most `size`, in order: how items meet the batch limits of the
// AWS APIs (10 messages per SendMessageBatch, 25 items per BatchWriteItem).
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a whole number above 0, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
