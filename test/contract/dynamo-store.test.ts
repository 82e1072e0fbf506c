// The same contract against DynamoDB Local over a real connection.
import { freshDynamoStore } from '../support/dynamo.ts';
import { objectStoreContract } from './object-store-contract.ts';
import { objectTtlContract } from './object-ttl-contract.ts';

objectStoreContract('DynamoDB Local', freshDynamoStore);
objectTtlContract('DynamoDB Local', (clock) => freshDynamoStore({ clock }));
