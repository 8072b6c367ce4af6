import type { NegativeSample, PositiveSample } from '../types.js';

const CS = 'Endpoint=https://contoso-chat.service.signalr.net;AccessKey=';

/** Text this rule must report (with the confidence), and text it must not. */
export const samples: { truePositives: readonly PositiveSample[]; falsePositives: readonly NegativeSample[] } = {
  truePositives: [
    { name: 'connection string', text: `"${CS}{{KG:legacy:1}};Version=1.0;"`, secret: '{{KG:legacy:1}}', confidence: 'high' },
    {
      name: 'lower-case keys',
      text: `endpoint=https://contoso.service.signalr.net;accesskey={{KG:legacy:2}};version=1.0;`,
      secret: '{{KG:legacy:2}}',
      confidence: 'high',
    },
    {
      name: 'upper-case keys, China cloud',
      text: `ENDPOINT=https://contoso.signalr.azure.cn;ACCESSKEY={{KG:legacy:3}};VERSION=1.0;`,
      secret: '{{KG:legacy:3}}',
      confidence: 'high',
    },
    {
      name: 'env var holding the connection string',
      text: `Azure__SignalR__ConnectionString=Endpoint=https://app1.service.signalr.net;AccessKey={{KG:legacy:4}};Version=1.0;`,
      secret: '{{KG:legacy:4}}',
      confidence: 'high',
    },
    { name: 'identifiable key alone', text: `const k = "{{KG:asrs:1}}";`, secret: '{{KG:asrs:1}}', confidence: 'high' },
    { name: 'identifiable key in a connection string', text: `${CS}{{KG:asrs:2}};Version=1.0;`, secret: '{{KG:asrs:2}}', confidence: 'high' },
    { name: 'accessKey assignment', text: `accessKey: "{{KG:legacy:5}}"`, secret: '{{KG:legacy:5}}', confidence: 'medium' },
    {
      name: 'SignalR configuration name nearby',
      text: `{\n  "Azure:SignalR:Primary": {\n    "Key": "{{KG:legacy:6}}"\n  }\n}`,
      secret: '{{KG:legacy:6}}',
      confidence: 'medium',
    },
    {
      name: 'URL-encoded connection string',
      text: `https://example.test/?cs=Endpoint%3Dhttps%3A%2F%2Fa.service.signalr.net%3BAccessKey%3D{{KG:legacy:7:url}}%3BVersion%3D1.0%3B`,
      secret: '{{KG:legacy:7}}',
      confidence: 'high',
    },
    {
      name: 'JSON-escaped key',
      text: `{"cs":"Endpoint=https:\\/\\/a.service.signalr.net;AccessKey={{KG:legacy:8:json}};Version=1.0;"}`,
      secret: '{{KG:legacy:8}}',
      confidence: 'high',
    },
    { name: 'weak evidence only', text: `# signalr\nvalue = {{KG:legacy:9}}`, secret: '{{KG:legacy:9}}', confidence: 'low' },
    {
      name: 'Azure Functions setting',
      text: `{ "Values": { "AzureSignalRConnectionString": "Endpoint=https://fn.service.signalr.net;AccessKey={{KG:legacy:10}};Version=1.0;" } }`,
      secret: '{{KG:legacy:10}}',
      confidence: 'high',
    },
    {
      name: 'reverse proxy endpoints and port',
      text: `Endpoint=https://gw.service.signalr.net;ClientEndpoint=https://chat.contoso.com;ServerEndpoint=https://internal.contoso.com;Port=8443;AccessKey={{KG:legacy:11}};Version=1.0;`,
      secret: '{{KG:legacy:11}}',
      confidence: 'high',
    },
    {
      name: 'named endpoint env var',
      text: `Azure__SignalR__ConnectionString__east__primary=Endpoint=https://east.service.signalr.net;AccessKey={{KG:legacy:12}};Version=1.0;`,
      secret: '{{KG:legacy:12}}',
      confidence: 'high',
    },
  ],
  falsePositives: [
    { name: 'no evidence', text: `digest = "{{KG:legacy:20}}"` },
    { name: 'emulator key', text: `Endpoint=http://localhost;Port=8888;AccessKey=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGH;Version=1.0;` },
    { name: 'docs placeholder', text: `${CS}ABCDEFGHIJKLMNOPQRSTUVWEXYZ0123456789+=/;Version=1.0;` },
    { name: "Purview's example", text: `${CS}abcdefghijklmnopqrstuvwxyz0123456789/+ABCDE=;Version=1.0;` },
    { name: 'template', text: `${CS}<your-access-key>;Version=1.0;` },
    { name: 'env template', text: `${CS}\${SIGNALR_KEY};Version=1.0;` },
    { name: 'masked', text: `${CS}***;Version=1.0;` },
    { name: 'low diversity', text: `${CS}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=;Version=1.0;` },
    { name: 'sequential', text: `${CS}ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq=;Version=1.0;` },
    { name: 'non-canonical padding', text: `${CS}{{KG:noncanonical:1}};Version=1.0;` },
    { name: 'Service Bus key', text: `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey={{KG:legacy:21}}` },
    { name: 'Service Bus signature', text: `${CS}{{KG:svc-+ASb:1}};Version=1.0;` },
    { name: 'Event Hubs signature', text: `${CS}{{KG:svc-+AEh:1}};Version=1.0;` },
    { name: 'base64 continues after the padding', text: `${CS}{{KG:legacy:25}}A;Version=1.0;` },
    { name: 'broken checksum', text: `const k = "{{KG:asrs-badsum:1}}";` },
    { name: 'subresource integrity', text: `<script src="https://cdn.example/signalr.js" integrity="sha256-{{KG:legacy:22}}"></script>` },
    { name: 'longer base64 run', text: `accessKey: "QQ{{KG:legacy:23}}"` },
    { name: 'Web PubSub key', text: `Endpoint=https://chat.webpubsub.azure.com;AccessKey={{KG:legacy:24}};Version=1.0;` },
  ],
};
