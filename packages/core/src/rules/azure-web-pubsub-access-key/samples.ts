import type { NegativeSample, PositiveSample } from '../types.js';


/** Text this rule must report (with the confidence), and text it must not. */
export const samples: { truePositives: readonly PositiveSample[]; falsePositives: readonly NegativeSample[] } = {
  truePositives: [
    {
      name: 'connection string',
      text: `Endpoint=https://chat.webpubsub.azure.com;AccessKey={{KG:legacy:31}};Version=1.0;`,
      secret: '{{KG:legacy:31}}',
      confidence: 'high',
    },
    { name: 'identifiable key', text: `key: {{KG:awps:1}}`, secret: '{{KG:awps:1}}', confidence: 'high' },
    {
      name: 'China cloud connection string',
      text: `Endpoint=https://chat.webpubsub.azure.cn;AccessKey={{KG:legacy:34}};Version=1.0;`,
      secret: '{{KG:legacy:34}}',
      confidence: 'high',
    },
    {
      name: 'configuration name nearby',
      text: `"Azure:WebPubSub": { "AccessKey": "{{KG:legacy:32}}" }`,
      secret: '{{KG:legacy:32}}',
      confidence: 'medium',
    },
    {
      name: 'development environment host',
      text: `Endpoint=https://chat.webpubsubdev.azure.com;AccessKey={{KG:legacy:61}};Version=1.0;`,
      secret: '{{KG:legacy:61}}',
      confidence: 'high',
    },
    {
      name: 'local emulator on localhost',
      text: `"Azure:WebPubSub": { "ConnectionString": "Endpoint=http://localhost:8080;AccessKey={{KG:legacy:62}};Version=1.0;" }`,
      secret: '{{KG:legacy:62}}',
      confidence: 'low',
    },
    {
      name: 'identifiable key on localhost',
      text: `Endpoint=http://127.0.0.1:8080;AccessKey={{KG:awps:7}};Version=1.0;`,
      secret: '{{KG:awps:7}}',
      confidence: 'high',
    },
  ],
  falsePositives: [
    { name: 'SignalR key', text: `Endpoint=https://a.service.signalr.net;AccessKey={{KG:legacy:33}};Version=1.0;` },
    { name: 'placeholder', text: `Endpoint=https://chat.webpubsub.azure.com;AccessKey=<key>;Version=1.0;` },
    { name: 'broken checksum', text: `key: {{KG:awps-badsum:1}}` },
    { name: 'other provider', text: `key: {{KG:ident-ABCD:1}}` },
  ],
};
