import type { NegativeSample, PositiveSample } from '../types.js';

const APP = 'Endpoint=https://contoso.service.signalr.net;AuthType=azure.app;ClientId=00000000-0000-0000-0000-000000000000;TenantId=00000000-0000-0000-0000-000000000000;ClientSecret=';

/** Text this rule must report (with the confidence), and text it must not. */
export const samples: { truePositives: readonly PositiveSample[]; falsePositives: readonly NegativeSample[] } = {
  truePositives: [
    { name: 'Entra secret', text: `"${APP}{{KG:entra:1}};Version=1.0;"`, secret: '{{KG:entra:1}}', confidence: 'high' },
    {
      name: 'other secret value',
      text: `${APP}s3cr3t-Pa55w0rd-for-app;Version=1.0;`,
      secret: 's3cr3t-Pa55w0rd-for-app',
      confidence: 'medium',
    },
    {
      name: 'legacy aad auth type, odd casing',
      text: `endpoint=https://x.service.signalr.net;authtype=aad;clientid=1;CLIENTSECRET={{KG:entra:2}}`,
      secret: '{{KG:entra:2}}',
      confidence: 'high',
    },
    {
      name: 'properties in another order',
      text: `ClientSecret={{KG:entra:5}};AuthType=azure.app;Endpoint=https://x.service.signalr.net;ClientId=1;Version=1.0`,
      secret: '{{KG:entra:5}}',
      confidence: 'high',
    },
  ],
  falsePositives: [
    { name: 'AuthType=azure (no app secret)', text: `Endpoint=https://x.service.signalr.net;AuthType=azure;ClientSecret={{KG:entra:6}};Version=1.0;` },
    { name: 'managed identity', text: `Endpoint=https://contoso.service.signalr.net;AuthType=azure.msi;ClientId=abc;Version=1.0;` },
    { name: 'template', text: `${APP}\${CLIENT_SECRET};Version=1.0;` },
    { name: 'angle placeholder', text: `${APP}<client-secret>;Version=1.0;` },
    { name: 'percent variable', text: `${APP}%CLIENT_SECRET%;Version=1.0;` },
    { name: 'msbuild', text: `${APP}$(ClientSecret);Version=1.0;` },
    { name: 'octopus', text: `${APP}#{ClientSecret}#;Version=1.0;` },
    { name: 'mustache', text: `${APP}{{ client_secret }};Version=1.0;` },
    { name: 'stars', text: `${APP}********;Version=1.0;` },
    { name: 'redacted', text: `${APP}REDACTED;Version=1.0;` },
    { name: 'elided', text: `${APP}abc...xyz;Version=1.0;` },
    { name: 'no azure.app', text: `Endpoint=https://contoso.service.signalr.net;ClientSecret={{KG:entra:3}};Version=1.0;` },
    { name: 'not a connection string', text: `clientSecret = "{{KG:entra:4}}"` },
  ],
};
