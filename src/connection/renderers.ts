/**
 * The same call as an AWS CLI command, boto3 code and JavaScript (SDK v3) code, from an inspector
 * entry. Secrets are masked in the entry already; a masked value becomes a placeholder the learner
 * fills in (a file for the CLI, a variable for code). Loaded lazily with the inspector details.
 */
import { isBytesValue, isMaskNote } from './inspector-mask';
import type { InspectorEntry } from './inspector-store';

/** botocore's xform_name: GenerateDataKey -> generate_data_key, SSEKMSKeyId -> ssekms_key_id. */
export function xformName(name: string, sep = '_'): string {
  return name
    .replace(/(.)([A-Z][a-z]+)/g, `$1${sep}$2`)
    .replace(/([a-z0-9])([A-Z])/g, `$1${sep}$2`)
    .toLowerCase();
}

interface ServiceNames {
  cli: string;
  boto3: string;
  jsPackage: string;
  jsClient: string;
}

const SERVICES: Record<string, ServiceNames> = {
  KMS: { cli: 'kms', boto3: 'kms', jsPackage: '@aws-sdk/client-kms', jsClient: 'KMSClient' },
  S3: { cli: 's3api', boto3: 's3', jsPackage: '@aws-sdk/client-s3', jsClient: 'S3Client' },
  CognitoIdentity: {
    cli: 'cognito-identity',
    boto3: 'cognito-identity',
    jsPackage: '@aws-sdk/client-cognito-identity',
    jsClient: 'CognitoIdentityClient',
  },
  STS: { cli: 'sts', boto3: 'sts', jsPackage: '@aws-sdk/client-sts', jsClient: 'STSClient' },
  CloudTrail: { cli: 'cloudtrail', boto3: 'cloudtrail', jsPackage: '@aws-sdk/client-cloudtrail', jsClient: 'CloudTrailClient' },
};

function serviceNames(service: string): ServiceNames {
  return SERVICES[service] ?? { cli: service.toLowerCase(), boto3: service.toLowerCase(), jsPackage: `@aws-sdk/client-${service.toLowerCase()}`, jsClient: `${service}Client` };
}

/** Calls AWS accepts without a signature (the Cognito guest flow). */
const UNSIGNED = new Set(['GetId', 'GetOpenIdToken', 'GetCredentialsForIdentity', 'AssumeRoleWithWebIdentity']);

/** Where the sandbox server listens (npm run sandbox), for the sandbox backend's commands. */
export const SANDBOX_SERVER_URL = 'http://127.0.0.1:4599';

/** How a snippet is rendered. The app uses the defaults; tests point the sandbox's snippets at the server they started. */
export interface RenderOptions {
  /** Where the sandbox backend's snippets send their calls (default SANDBOX_SERVER_URL). */
  sandboxServerUrl?: string;
}

function endpointFor(entry: InspectorEntry, opts: RenderOptions): string | undefined {
  if (entry.backend === 'endpoint') return entry.endpoint;
  if (entry.backend === 'sandbox') return opts.sandboxServerUrl ?? SANDBOX_SERVER_URL;
  return undefined;
}

function inputMembers(entry: InspectorEntry): [string, unknown][] {
  const input = entry.input;
  if (!input || typeof input !== 'object' || Array.isArray(input)) return [];
  return Object.entries(input as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
}

/** Turns bytes/masks into plain JSON for JSON-valued parameters. */
function plainJson(v: unknown): unknown {
  if (isBytesValue(v)) return v.$bytes;
  if (Array.isArray(v)) return v.map(plainJson);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainJson(x)]));
  return v;
}

export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const maskLabel = (v: string) => v.replace(/^<masked: ?/, '').replace(/>$/, '');

// ---------------------------------------------------------------------------------------------------
export function renderCli(entry: InspectorEntry, opts: RenderOptions = {}): string {
  const svc = serviceNames(entry.service);
  const lines: string[] = [];
  const notes: string[] = [];
  const args: string[] = [];
  for (const [name, value] of inputMembers(entry)) {
    const flag = `--${xformName(name, '-')}`;
    if (isMaskNote(value) && / characters$/.test(maskLabel(value))) {
      // A secret string (an OpenID token, a session token): a string parameter, so a shell
      // variable, never fileb:// (which would send the file's bytes as a blob).
      const variable = xformName(name).toUpperCase();
      args.push(`${flag} "$${variable}"`);
      notes.push(`# $${variable}: the ${name} (${maskLabel(value)}), kept out of the inspector`);
    } else if (isMaskNote(value)) {
      const file = `${xformName(name, '-')}.bin`;
      args.push(`${flag} fileb://${file}`);
      notes.push(`# ${file}: the ${name} (${maskLabel(value)}), kept out of the inspector`);
    } else if (isBytesValue(value)) {
      // Inline blobs mean base64 to CLI v2 but raw text to CLI v1: write the bytes to a file and
      // pass fileb://, which both versions read as raw bytes.
      const file = `${xformName(name, '-')}.bin`;
      notes.push(`printf '%s' ${shellQuote(value.$bytes)} | base64 --decode > ${file}`);
      args.push(`${flag} fileb://${file}`);
    } else if (typeof value === 'boolean') {
      args.push(value ? flag : `--no-${xformName(name, '-')}`);
    } else if (typeof value === 'number') {
      args.push(`${flag} ${value}`);
    } else if (typeof value === 'string') {
      args.push(`${flag} ${shellQuote(value)}`);
    } else {
      args.push(`${flag} ${shellQuote(JSON.stringify(plainJson(value)))}`);
    }
  }
  args.push(`--region ${entry.region}`);
  const endpoint = endpointFor(entry, opts);
  if (endpoint) args.push(`--endpoint-url ${endpoint}`);
  if (UNSIGNED.has(entry.operation)) args.push('--no-sign-request');
  if (entry.backend === 'sandbox') {
    // The server is another sandbox than this browser's: started from this lab's export it has the same keys.
    lines.push('# First: Settings > Continue on the command line downloads this lab; then start the server from it:');
    lines.push('#   npm run sandbox -- --import kms-study-lab.ndjson   (credentials test / test)');
  }
  lines.push(...notes);
  lines.push([`aws ${svc.cli} ${xformName(entry.operation, '-')}`, ...args].join(' \\\n  '));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------
function python(v: unknown, indent: string, uses: Set<string>): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (isBytesValue(v)) {
    uses.add('base64');
    return `base64.b64decode(${JSON.stringify(v.$bytes)})`;
  }
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => `${inner}${python(x, inner, uses)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${python(x, inner, uses)},`).join('\n')}\n${indent}}`;
}

export function renderBoto3(entry: InspectorEntry, opts: RenderOptions = {}): string {
  const svc = serviceNames(entry.service);
  const uses = new Set<string>();
  const placeholders: string[] = [];
  const kwargs = inputMembers(entry).map(([name, value]) => {
    if (isMaskNote(value)) {
      const variable = xformName(name);
      placeholders.push(`${variable} = ...  # the ${name} (${maskLabel(value)}), kept out of the inspector`);
      return `    ${name}=${variable},`;
    }
    return `    ${name}=${python(value, '    ', uses)},`;
  });
  const endpoint = endpointFor(entry, opts);
  const clientArgs = [JSON.stringify(svc.boto3), `region_name=${JSON.stringify(entry.region)}`];
  if (endpoint) clientArgs.push(`endpoint_url=${JSON.stringify(endpoint)}`);
  if (UNSIGNED.has(entry.operation)) {
    uses.add('unsigned');
    clientArgs.push('config=Config(signature_version=UNSIGNED)');
  }
  const head = ['import boto3'];
  if (uses.has('base64')) head.unshift('import base64');
  if (uses.has('unsigned')) head.push('from botocore import UNSIGNED', 'from botocore.config import Config');
  const out = [...head, ''];
  if (entry.backend === 'sandbox') out.push('# Against the sandbox server started from this lab: npm run sandbox -- --import kms-study-lab.ndjson (credentials test / test)');
  out.push(...placeholders);
  out.push(`client = boto3.client(${clientArgs.join(', ')})`);
  const call = xformName(entry.operation);
  out.push(kwargs.length ? `response = client.${call}(\n${kwargs.join('\n')}\n)` : `response = client.${call}()`);
  // The CLI prints its answer; the code does too, so a learner who runs it sees what came back.
  out.push('print(response)');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------
function js(v: unknown, indent: string): string {
  if (v === null || v === undefined) return 'undefined';
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (isBytesValue(v)) return `Buffer.from(${JSON.stringify(v.$bytes)}, "base64")`;
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => `${inner}${js(x, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
  return `{\n${entries.map(([k, x]) => `${inner}${key(k)}: ${js(x, inner)},`).join('\n')}\n${indent}}`;
}

export function renderJs(entry: InspectorEntry, opts: RenderOptions = {}): string {
  const svc = serviceNames(entry.service);
  const command = `${entry.operation}Command`;
  const placeholders: string[] = [];
  const members = inputMembers(entry).map(([name, value]) => {
    if (isMaskNote(value)) {
      const variable = xformName(name).replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
      placeholders.push(`const ${variable} = /* the ${name} (${maskLabel(value)}), kept out of the inspector */ undefined;`);
      return `  ${name}: ${variable},`;
    }
    return `  ${name}: ${js(value, '  ')},`;
  });
  const endpoint = endpointFor(entry, opts);
  const config = [`region: ${JSON.stringify(entry.region)}`];
  if (endpoint) config.push(`endpoint: ${JSON.stringify(endpoint)}`);
  const out = [`import { ${svc.jsClient}, ${command} } from "${svc.jsPackage}";`, ''];
  if (entry.backend === 'sandbox') out.push('// Against the sandbox server started from this lab: npm run sandbox -- --import kms-study-lab.ndjson (credentials test / test)');
  out.push(...placeholders);
  out.push(`const client = new ${svc.jsClient}({ ${config.join(', ')} });`);
  out.push(members.length ? `const response = await client.send(new ${command}({\n${members.join('\n')}\n}));` : `const response = await client.send(new ${command}({}));`);
  out.push('console.log(response);');
  return out.join('\n');
}

export const RENDERERS = [
  { id: 'cli', label: 'AWS CLI', language: 'shell', render: renderCli },
  { id: 'boto3', label: 'boto3', language: 'python', render: renderBoto3 },
  { id: 'js', label: 'JavaScript', language: 'javascript', render: renderJs },
] as const;
