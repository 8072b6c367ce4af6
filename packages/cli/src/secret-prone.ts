/**
 * File names that commonly hold credentials and are commonly gitignored: when ignore rules
 * leave one out, the summary names it with the flag that scans it (--no-ignore).
 */
const SECRET_PRONE = [
  /^\.env(\..*)?$/i, // .env, .env.local, .env.production
  /^appsettings(\..*)?\.json$/i, // appsettings.json, appsettings.Development.json
  /^local\.settings\.json$/i, // Azure Functions
  /^secrets\.json$/i, // dotnet user-secrets
  /\.publishsettings$/i,
  /\.pubxml(\.user)?$/i,
  /^(web|app)\.config$/i,
  /^connectionstrings\.config$/i,
  /^docker-compose(\..*)?\.ya?ml$/i,
  /\.tfvars$/i,
];

export function isSecretProneName(name: string): boolean {
  return SECRET_PRONE.some((re) => re.test(name));
}
