import type { NegativeSample, PositiveSample } from '../types.js';

/** Text this rule must report (with the confidence), and text it must not. */
export const samples: { truePositives: readonly PositiveSample[]; falsePositives: readonly NegativeSample[] } = {
  truePositives: [
    {
      name: 'connection string',
      text: `AccountEndpoint=https://orders.documents.azure.com:443/;AccountKey={{KG:key64:21}};`,
      secret: '{{KG:key64:21}}',
      confidence: 'high',
    },
    {
      name: 'connection string with another endpoint',
      text: `"Cosmos": "AccountEndpoint=https://cosmos.internal.example:8081/;AccountKey={{KG:key64:22}}"`,
      secret: '{{KG:key64:22}}',
      confidence: 'medium',
    },
    { name: 'signed key alone', text: `primaryKey: {{KG:cosmos:1}}`, secret: '{{KG:cosmos:1}}', confidence: 'high' },
    {
      name: 'URL-encoded connection string',
      text: `cs=AccountEndpoint%3Dhttps%3A%2F%2Forders.documents.azure.com%3A443%2F%3BAccountKey%3D{{KG:key64:23:url}}`,
      secret: '{{KG:key64:23}}',
      confidence: 'high',
    },
  ],
  falsePositives: [
    { name: 'emulator key', text: `AccountEndpoint=https://localhost:8081/;AccountKey={{KG:cosmos-emulator:0}};` },
    { name: 'signed key with a broken checksum', text: `primaryKey: {{KG:cosmos-badsum:1}}` },
    { name: 'storage connection string', text: `DefaultEndpointsProtocol=https;AccountName=x;AccountKey={{KG:key64:24}};EndpointSuffix=core.windows.net` },
    { name: 'SHA-512 digest', text: `"contentHash": "{{KG:key64:25}}"` },
  ],
};
