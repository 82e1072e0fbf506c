import { randomIds } from '../../lib/core/ids.ts';
import { systemClock } from '../../lib/core/clock.ts';
import { MemoryStore } from '../../lib/storage/memory-store.ts';
import { objectStoreContract } from './object-store-contract.ts';

objectStoreContract('in-memory', async () => new MemoryStore({ clock: systemClock, ids: randomIds }));
