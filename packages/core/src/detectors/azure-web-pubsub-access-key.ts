import { WEB_PUBSUB_STRONG_KEYWORDS } from '../evidence.js';
import { identifiableForm, legacyForm } from './forms.js';
import type { Detector } from './types.js';

export const azureWebPubsubAccessKey: Detector = {
  id: 'azure-web-pubsub-access-key',
  title: 'Azure Web PubSub access key',
  description:
    "An Azure Web PubSub access key (SignalR's sibling service): the legacy 44-character base64 key with Web PubSub evidence, or the 84-character identifiable AWPS key (checksum-verified).",
  references: [
    'https://learn.microsoft.com/azure/azure-web-pubsub/howto-websocket-connect',
    'https://learn.microsoft.com/azure/azure-web-pubsub/howto-disable-local-auth',
  ],
  keywords: WEB_PUBSUB_STRONG_KEYWORDS,
  forms: [legacyForm, identifiableForm('AWPS')],
  confidenceLevels: ['high', 'medium', 'low'],
  remediation:
    'Regenerate the key (az webpubsub key regenerate --name <resource> --resource-group <group> --key-type primary|secondary), update every configuration, then move to Microsoft Entra ID and disable local auth.',
  samples: {
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
    ],
    falsePositives: [
      { name: 'SignalR key', text: `Endpoint=https://a.service.signalr.net;AccessKey={{KG:legacy:33}};Version=1.0;` },
      { name: 'placeholder', text: `Endpoint=https://chat.webpubsub.azure.com;AccessKey=<key>;Version=1.0;` },
      { name: 'broken checksum', text: `key: {{KG:awps-badsum:1}}` },
      { name: 'other provider', text: `key: {{KG:ident-ABCD:1}}` },
    ],
  },
};
