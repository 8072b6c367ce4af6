import type { NegativeSample, PositiveSample } from '../types.js';

/** Text this rule must report (with the confidence), and text it must not. */
export const samples: { truePositives: readonly PositiveSample[]; falsePositives: readonly NegativeSample[] } = {
  truePositives: [
    {
      name: 'namespace connection string',
      text: `Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={{KG:legacy:41}}`,
      secret: '{{KG:legacy:41}}',
      confidence: 'high',
    },
    {
      name: 'Event Hubs connection string with an entity',
      text: `"EventHub": "Endpoint=sb://telemetry.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={{KG:legacy:42}};EntityPath=events"`,
      secret: '{{KG:legacy:42}}',
      confidence: 'high',
    },
    {
      name: 'connection string without a namespace host',
      text: `Endpoint=https://gateway.example.com/;SharedAccessKeyName=app;SharedAccessKey={{KG:legacy:43}}`,
      secret: '{{KG:legacy:43}}',
      confidence: 'medium',
    },
    { name: 'signed Service Bus key alone', text: `key = "{{KG:sb:1}}"`, secret: '{{KG:sb:1}}', confidence: 'high' },
    { name: 'signed Event Hubs key alone', text: `key = "{{KG:eh:1}}"`, secret: '{{KG:eh:1}}', confidence: 'high' },
    { name: 'signed Relay key alone', text: `key = "{{KG:relay:1}}"`, secret: '{{KG:relay:1}}', confidence: 'high' },
    {
      name: 'URL-encoded connection string',
      text: `cs=Endpoint%3Dsb%3A%2F%2Forders.servicebus.windows.net%2F%3BSharedAccessKeyName%3Dapp%3BSharedAccessKey%3D{{KG:legacy:44:url}}`,
      secret: '{{KG:legacy:44}}',
      confidence: 'high',
    },
  ],
  falsePositives: [
    { name: 'signed key with a broken checksum', text: `key = "{{KG:sb-badsum:1}}"` },
    { name: 'placeholder', text: `Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=app;SharedAccessKey=<your-key>` },
    { name: 'emulator placeholder', text: `Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;` },
    { name: 'a key named SharedAccessKey outside a connection string', text: `SharedAccessKey: "{{KG:legacy:45}}"` },
    { name: 'SignalR connection string', text: `Endpoint=https://a.service.signalr.net;AccessKey={{KG:legacy:46}};Version=1.0;` },
  ],
};
