import type { NegativeSample, PositiveSample } from '../types.js';

/** Text this rule must report (with the confidence), and text it must not. */
export const samples: { truePositives: readonly PositiveSample[]; falsePositives: readonly NegativeSample[] } = {
  truePositives: [
    { name: 'Azure OpenAI key (ACOG)', text: `AZURE_OPENAI_API_KEY={{KG:ident-ACOG:1}}`, secret: '{{KG:ident-ACOG:1}}', confidence: 'high' },
    { name: 'Event Grid key (AZEG)', text: `const key = "{{KG:ident-AZEG:2}}";`, secret: '{{KG:ident-AZEG:2}}', confidence: 'high' },
    { name: 'Service Bus key (AZSB)', text: `{ "sharedAccessKey": "{{KG:ident-AZSB:3}}" }`, secret: '{{KG:ident-AZSB:3}}', confidence: 'high' },
    { name: 'unknown signature', text: `key: {{KG:ident-ABCD:4}}`, secret: '{{KG:ident-ABCD:4}}', confidence: 'high' },
    { name: 'JSON-escaped line', text: `{"k":"{{KG:ident-AZEG:5:json}}"}`, secret: '{{KG:ident-AZEG:5}}', confidence: 'high' },
  ],
  falsePositives: [
    { name: 'broken checksum', text: `key: {{KG:ident-ACOG-badsum:1}}` },
    { name: 'broken checksum, unknown signature', text: `key: {{KG:ident-ABCD-badsum:2}}` },
    { name: 'SignalR key (ASRS, the SignalR rule reports it)', text: `key: {{KG:asrs:3}}` },
    { name: 'Web PubSub key (AWPS, the Web PubSub rule reports it)', text: `key: {{KG:awps:4}}` },
    { name: 'inside a longer base62 run', text: `key: QQ{{KG:ident-AZEG:5}}` },
  ],
};
