// What every cluster has before anyone asks: the four system namespaces.
import { AlreadyExistsError } from '../api/errors.ts';
import { createObject } from './generic/create.ts';
import type { RegistryContext } from './generic/context.ts';
import { BOOTSTRAP_NAMESPACES } from './generic/namespace-lifecycle.ts';

export async function ensureBootstrapNamespaces(ctx: RegistryContext): Promise<void> {
  const type = ctx.registry.lookup('', 'v1', 'namespaces');
  if (!type) throw new Error('the registry does not serve namespaces');
  for (const name of BOOTSTRAP_NAMESPACES) {
    try {
      await createObject(ctx, type, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    } catch (err) {
      if (!(err instanceof AlreadyExistsError)) throw err;
    }
  }
}
