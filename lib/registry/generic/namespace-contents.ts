// Whether anything still lives in a namespace: every namespaced kind, one item each.
import type { RegistryContext } from './context.ts';

export async function namespaceIsEmpty(ctx: RegistryContext, namespace: string): Promise<boolean> {
  for (const type of ctx.registry.all()) {
    if (!type.namespaced) continue;
    const page = await ctx.store.list(type, { namespace, limit: 1, skipRevision: true });
    if (page.items.length) return false;
  }
  return true;
}
