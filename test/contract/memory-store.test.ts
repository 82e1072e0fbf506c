import { randomIds } from '../../lib/core/ids.ts';
import { systemClock } from '../../lib/core/clock.ts';
import { MemoryStore } from '../../lib/storage/memory-store.ts';
import { objectStoreContract } from './object-store-contract.ts';
import { objectTtlContract } from './object-ttl-contract.ts';

objectStoreContract('in-memory', async () => new MemoryStore({ clock: systemClock, ids: randomIds }));
objectTtlContract('in-memory', async (clock) => new MemoryStore({ clock, ids: randomIds }));
