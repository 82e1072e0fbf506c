// The same contract against DynamoDB Local over a real connection.
import { freshDynamoStore } from '../support/dynamo.ts';
import { objectStoreContract } from './object-store-contract.ts';

objectStoreContract('DynamoDB Local', freshDynamoStore);
