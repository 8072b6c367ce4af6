import type { NegativeSample, PositiveSample } from '../types.js';

/** Text this rule must report (with the confidence), and text it must not. */
export const samples: { truePositives: readonly PositiveSample[]; falsePositives: readonly NegativeSample[] } = {
  truePositives: [
    {
      name: 'storage connection string',
      text: `DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey={{KG:key64:1}};EndpointSuffix=core.windows.net`,
      secret: '{{KG:key64:1}}',
      confidence: 'high',
    },
    {
      name: 'blob endpoint connection string',
      text: `"Storage": "BlobEndpoint=https://contosodata.blob.core.windows.net/;AccountName=contosodata;AccountKey={{KG:key64:2}}"`,
      secret: '{{KG:key64:2}}',
      confidence: 'high',
    },
    {
      name: 'account name and key only',
      text: `AccountName=contosodata;AccountKey={{KG:key64:3}}`,
      secret: '{{KG:key64:3}}',
      confidence: 'medium',
    },
    { name: 'signed key alone', text: `storage_key = '{{KG:storage:1}}'`, secret: '{{KG:storage:1}}', confidence: 'high' },
    {
      name: 'JSON-escaped connection string',
      text: `{"cs":"DefaultEndpointsProtocol=https;AccountName=contosodata;AccountKey={{KG:key64:4:json}};EndpointSuffix=core.windows.net"}`,
      secret: '{{KG:key64:4}}',
      confidence: 'high',
    },
  ],
  falsePositives: [
    { name: 'Azurite development key', text: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={{KG:azurite:0}};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;` },
    { name: 'signed key with a broken checksum', text: `storage_key = '{{KG:storage-badsum:1}}'` },
    { name: 'bare 64-byte value', text: `value = "{{KG:key64:5}}"` },
    { name: 'npm integrity hash', text: `"integrity": "sha512-{{KG:key64:6}}"` },
    { name: 'Cosmos DB connection string', text: `AccountEndpoint=https://orders.documents.azure.com:443/;AccountKey={{KG:key64:7}};` },
  ],
};
