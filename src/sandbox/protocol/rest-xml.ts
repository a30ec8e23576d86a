/**
 * S3's REST-XML wire protocol: addressing (path-style and virtual-hosted), which operation a request
 * is, its input read from headers, query, path and XML body, and the output written back as
 * headers and XML. The member bindings (which header, which query name, which XML element) come
 * from the SDK's own S3 schemas (@aws-sdk/client-s3), so the sandbox reads exactly what the SDK
 * writes and writes exactly what it reads. Operations never see any of this.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import {
  AbortMultipartUpload$,
  CompleteMultipartUpload$,
  CopyObject$,
  CreateBucket$,
  CreateMultipartUpload$,
  DeleteBucket$,
  DeleteBucketCors$,
  DeleteBucketEncryption$,
  DeleteBucketPolicy$,
  DeleteObject$,
  DeleteObjects$,
  GetBucketCors$,
  GetBucketEncryption$,
  GetBucketPolicy$,
  GetObject$,
  HeadBucket$,
  HeadObject$,
  ListBuckets$,
  ListObjectsV2$,
  ListParts$,
  PutBucketCors$,
  PutBucketEncryption$,
  PutBucketPolicy$,
  PutObject$,
  UploadPart$,
} from '@aws-sdk/client-s3';
import { ServiceError } from './service-error';
import { isAsyncIterable, isBlob, isReadableStream, type SandboxBody } from './body';
import { parseXml, writeXml, XmlSyntaxError, type XmlElement, type XmlOut } from './xml';
import { fromUtf8, toBase64, utf8 } from '../shared/bytes';

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

type OpSchema = Parameters<typeof NormalizedSchema.of>[0];
const OPS: Record<string, unknown> = {
  AbortMultipartUpload: AbortMultipartUpload$,
  CompleteMultipartUpload: CompleteMultipartUpload$,
  CopyObject: CopyObject$,
  CreateBucket: CreateBucket$,
  CreateMultipartUpload: CreateMultipartUpload$,
  DeleteBucket: DeleteBucket$,
  DeleteBucketCors: DeleteBucketCors$,
  DeleteBucketEncryption: DeleteBucketEncryption$,
  DeleteBucketPolicy: DeleteBucketPolicy$,
  DeleteObject: DeleteObject$,
  DeleteObjects: DeleteObjects$,
  GetBucketCors: GetBucketCors$,
  GetBucketEncryption: GetBucketEncryption$,
  GetBucketPolicy: GetBucketPolicy$,
  GetObject: GetObject$,
  HeadBucket: HeadBucket$,
  HeadObject: HeadObject$,
  ListBuckets: ListBuckets$,
  ListObjectsV2: ListObjectsV2$,
  ListParts: ListParts$,
  PutBucketCors: PutBucketCors$,
  PutBucketEncryption: PutBucketEncryption$,
  PutBucketPolicy: PutBucketPolicy$,
  PutObject: PutObject$,
  UploadPart: UploadPart$,
};

function ioSchemas(op: string): { input: NormalizedSchema; output: NormalizedSchema } | undefined {
  const s = OPS[op];
  if (!Array.isArray(s) || s[0] !== 9) return undefined;
  const resolve = (x: unknown) => NormalizedSchema.of((typeof x === 'function' ? (x as () => unknown)() : x) as OpSchema);
  return { input: resolve(s[4]), output: resolve(s[5]) };
}

// ---------------------------------------------------------------- addressing and routing

export interface S3Address {
  bucket?: string;
  key?: string;
}

/** Hosts that carry the bucket in the name: bucket.s3.amazonaws.com, bucket.s3.<region>.amazonaws.com, bucket.localhost. */
function bucketFromHost(host: string): string | undefined {
  const h = host.replace(/:\d+$/, '').toLowerCase();
  const aws = /^(.+)\.s3(?:[.-](?:dualstack\.)?[a-z0-9-]+)?\.amazonaws\.com$/.exec(h);
  if (aws) return aws[1];
  const local = /^(.+)\.localhost$/.exec(h);
  if (local) return local[1];
  return undefined;
}

function decodePath(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    throw new ServiceError('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}

export function s3Address(host: string, path: string): S3Address {
  const raw = path.split('?')[0] ?? '/';
  const vhost = bucketFromHost(host);
  if (vhost !== undefined) {
    const key = raw.length > 1 ? decodePath(raw.slice(1)) : undefined;
    return { bucket: vhost, key };
  }
  const rest = raw.startsWith('/') ? raw.slice(1) : raw;
  if (rest === '') return {};
  const i = rest.indexOf('/');
  if (i < 0) return { bucket: decodePath(rest) };
  const key = rest.slice(i + 1);
  return { bucket: decodePath(rest.slice(0, i)), key: key === '' ? undefined : decodePath(key) };
}

/** Sub-resources the sandbox does not serve: each answers NotImplemented rather than a wrong operation. */
const OTHER_SUBRESOURCES = [
  'acl', 'tagging', 'versioning', 'versions', 'lifecycle', 'logging', 'website', 'replication', 'notification',
  'object-lock', 'retention', 'legal-hold', 'ownershipControls', 'publicAccessBlock', 'accelerate', 'analytics',
  'inventory', 'metrics', 'intelligent-tiering', 'requestPayment', 'restore', 'select', 'torrent', 'attributes',
  'policyStatus', 'location', 'metadataTable', 'metadataConfiguration', 'session', 'abac', 'renameObject',
];

const has = (q: Record<string, unknown>, k: string) => Object.hasOwn(q, k);

/** Which S3 operation a request is (method, bucket/key presence, sub-resource); undefined when none. */
export function s3Operation(
  method: string,
  addr: S3Address,
  query: Record<string, unknown>,
  headers: Record<string, string>,
): string | undefined {
  const m = method.toUpperCase();
  if (addr.bucket === undefined) return m === 'GET' ? 'ListBuckets' : undefined;
  for (const s of OTHER_SUBRESOURCES) if (has(query, s)) return `${m} ?${s}`;
  if (addr.key === undefined) {
    if (has(query, 'encryption')) return { PUT: 'PutBucketEncryption', GET: 'GetBucketEncryption', DELETE: 'DeleteBucketEncryption' }[m];
    if (has(query, 'policy')) return { PUT: 'PutBucketPolicy', GET: 'GetBucketPolicy', DELETE: 'DeleteBucketPolicy' }[m];
    if (has(query, 'cors')) return { PUT: 'PutBucketCors', GET: 'GetBucketCors', DELETE: 'DeleteBucketCors' }[m];
    if (m === 'POST' && has(query, 'delete')) return 'DeleteObjects';
    if (m === 'GET' && has(query, 'uploads')) return 'GET ?uploads';
    if (m === 'GET') return query['list-type'] === '2' ? 'ListObjectsV2' : 'GET ?list-type=1';
    return { PUT: 'CreateBucket', HEAD: 'HeadBucket', DELETE: 'DeleteBucket' }[m];
  }
  const upload = has(query, 'uploadId');
  switch (m) {
    case 'PUT':
      if (upload || has(query, 'partNumber')) return headers['x-amz-copy-source'] !== undefined ? 'PUT ?uploadId (UploadPartCopy)' : 'UploadPart';
      return headers['x-amz-copy-source'] !== undefined ? 'CopyObject' : 'PutObject';
    case 'GET':
      return upload ? 'ListParts' : 'GetObject';
    case 'HEAD':
      return 'HeadObject';
    case 'DELETE':
      return upload ? 'AbortMultipartUpload' : 'DeleteObject';
    case 'POST':
      if (has(query, 'uploads')) return 'CreateMultipartUpload';
      if (upload) return 'CompleteMultipartUpload';
      return undefined;
  }
  return undefined;
}

export const isKnownS3Operation = (op: string) => Object.hasOwn(OPS, op);

// ---------------------------------------------------------------- input

const malformedXml = () =>
  new ServiceError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);

type ScalarKind = 'boolean' | 'number' | 'timestamp' | 'string';

const scalarKind = (ns: NormalizedSchema): ScalarKind =>
  ns.isBooleanSchema() ? 'boolean' : ns.isNumericSchema() ? 'number' : ns.isTimestampSchema() ? 'timestamp' : 'string';

function scalarOf(kind: ScalarKind, text: string, where: string): unknown {
  switch (kind) {
    case 'boolean':
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw new ServiceError('InvalidArgument', `Invalid boolean value for ${where}`, 400, { ArgumentName: where, ArgumentValue: text });
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) {
        throw new ServiceError('InvalidArgument', `Invalid value for ${where}`, 400, { ArgumentName: where, ArgumentValue: text });
      }
      return n;
    }
    case 'timestamp': {
      const t = Date.parse(text);
      if (Number.isNaN(t)) throw new ServiceError('InvalidArgument', `Invalid date for ${where}`, 400, { ArgumentName: where, ArgumentValue: text });
      return new Date(t);
    }
    case 'string':
      return text;
  }
}

const scalarFrom = (ns: NormalizedSchema, text: string, where: string): unknown => scalarOf(scalarKind(ns), text, where);

function readXmlValue(ns: NormalizedSchema, el: XmlElement, depth: number): unknown {
  if (depth > 16) throw malformedXml();
  if (ns.isStructSchema()) return readXmlStruct(ns, el, depth + 1);
  if (ns.isListSchema()) {
    const v = ns.getValueSchema();
    const name = v.getMergedTraits().xmlName ?? 'member';
    return el.children.filter((c) => c.name === name).map((c) => readXmlValue(v, c, depth + 1));
  }
  if (ns.isMapSchema()) {
    const out: Record<string, unknown> = {};
    for (const entry of el.children) {
      const k = entry.children.find((c) => c.name === 'key');
      const val = entry.children.find((c) => c.name === 'value');
      if (k && val) out[k.text] = readXmlValue(ns.getValueSchema(), val, depth + 1);
    }
    return out;
  }
  return scalarFrom(ns, el.text, el.name);
}

function readXmlStruct(ns: NormalizedSchema, el: XmlElement, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, m] of ns.structIterator()) {
    const t = m.getMergedTraits();
    const xmlName = (t.xmlName as string | undefined) ?? name;
    if (m.isListSchema() && t.xmlFlattened) {
      const v = m.getValueSchema();
      const items = el.children.filter((c) => c.name === xmlName);
      if (items.length) out[name] = items.map((c) => readXmlValue(v, c, depth));
      continue;
    }
    const child = el.children.find((c) => c.name === xmlName);
    if (child) out[name] = readXmlValue(m, child, depth);
  }
  return out;
}

export interface RestXmlRequest {
  method: string;
  query: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Object data left as a stream (PutObject, UploadPart): the blob payload member gets it as it is. */
  stream?: SandboxBody;
}

const firstOf = (v: string | string[] | null | undefined): string | undefined => (Array.isArray(v) ? v[0] : (v ?? undefined));

/**
 * How one operation's input members bind to the request, read once from the SDK's schema and kept:
 * walking the schema (a NormalizedSchema per member, its merged traits) on every request cost more
 * than reading the request (PutObject's input has over 60 members).
 */
type InputBinding =
  | { at: 'label'; name: string }
  | { at: 'header'; name: string; header: string; where: string; list: boolean; kind: ScalarKind }
  | { at: 'query'; name: string; query: string; kind: ScalarKind }
  | { at: 'prefix'; name: string; prefix: string }
  | { at: 'blob'; name: string }
  | { at: 'text'; name: string }
  | { at: 'xml'; name: string; schema: NormalizedSchema };

function inputBindings(io: { input: NormalizedSchema }): InputBinding[] {
  const out: InputBinding[] = [];
  for (const [name, m] of io.input.structIterator()) {
    const t = m.getMergedTraits();
    if (t.httpLabel) out.push({ at: 'label', name });
    else if (typeof t.httpHeader === 'string') {
      out.push({ at: 'header', name, header: t.httpHeader.toLowerCase(), where: t.httpHeader, list: m.isListSchema(), kind: scalarKind(m) });
    } else if (typeof t.httpQuery === 'string') out.push({ at: 'query', name, query: t.httpQuery, kind: scalarKind(m) });
    else if (typeof t.httpPrefixHeaders === 'string') out.push({ at: 'prefix', name, prefix: t.httpPrefixHeaders.toLowerCase() });
    else if (t.httpPayload) {
      if (m.isBlobSchema()) out.push({ at: 'blob', name });
      else if (m.isStringSchema()) out.push({ at: 'text', name });
      else if (m.isStructSchema()) out.push({ at: 'xml', name, schema: m });
    }
  }
  return out;
}

const inputPlans = new Map<string, InputBinding[] | undefined>();
function inputPlan(op: string): InputBinding[] | undefined {
  if (inputPlans.has(op)) return inputPlans.get(op);
  const io = ioSchemas(op);
  const plan = io ? inputBindings(io) : undefined;
  inputPlans.set(op, plan);
  return plan;
}

/** Reads an operation's input from the request, member by member, as the SDK's schema binds it. */
export function parseS3Input(op: string, req: RestXmlRequest, addr: S3Address): Record<string, unknown> {
  const plan = inputPlan(op);
  if (!plan) return {};
  const input: Record<string, unknown> = {};
  for (const b of plan) {
    const name = b.name;
    switch (b.at) {
      case 'label':
        if (name === 'Bucket' && addr.bucket !== undefined) input[name] = addr.bucket;
        else if (name === 'Key' && addr.key !== undefined) input[name] = addr.key;
        break;
      case 'header': {
        const v = req.headers[b.header];
        if (v === undefined) break;
        input[name] = b.list ? v.split(',').map((s) => s.trim()) : scalarOf(b.kind, v, b.where);
        break;
      }
      case 'query': {
        const v = firstOf(req.query[b.query]);
        if (v === undefined || v === null) break;
        input[name] = scalarOf(b.kind, v, b.query);
        break;
      }
      case 'prefix': {
        const map: Record<string, string> = {};
        let any = false;
        for (const h in req.headers) {
          if (h.startsWith(b.prefix)) {
            map[h.slice(b.prefix.length)] = req.headers[h]!;
            any = true;
          }
        }
        if (any) input[name] = map;
        break;
      }
      case 'blob':
        input[name] = req.stream ?? req.body;
        break;
      case 'text':
        input[name] = fromUtf8(req.body);
        break;
      case 'xml': {
        if (req.body.length === 0) break;
        let root: XmlElement;
        try {
          root = parseXml(fromUtf8(req.body));
        } catch (e) {
          if (e instanceof XmlSyntaxError) throw malformedXml();
          throw e;
        }
        input[name] = readXmlStruct(b.schema, root, 0);
        break;
      }
    }
  }
  return input;
}

// ---------------------------------------------------------------- output

const HTTP_DATE = (d: Date) => d.toUTCString();
const ISO = (d: Date) => d.toISOString();

/** Header values must be latin-1; S3 RFC 2047-encodes non-ASCII metadata values (=?UTF-8?B?...?=). */
function headerValue(v: string): string {
  return /^[\x20-\x7e]*$/.test(v) ? v : `=?UTF-8?B?${toBase64(utf8(v))}?=`;
}

function scalarText(ns: NormalizedSchema, v: unknown, inHeader: boolean): string {
  if (v instanceof Date) return inHeader ? HTTP_DATE(v) : ISO(v);
  if (ns.isTimestampSchema() && typeof v === 'number') return inHeader ? HTTP_DATE(new Date(v)) : ISO(new Date(v));
  return String(v);
}

function writeXmlValue(ns: NormalizedSchema, v: unknown, name: string, depth: number): XmlOut[] {
  if (v === undefined || v === null || depth > 16) return [];
  const t = ns.getMergedTraits();
  if (ns.isListSchema() && Array.isArray(v)) {
    const vs = ns.getValueSchema();
    if (t.xmlFlattened) return v.flatMap((x) => writeXmlValue(vs, x, name, depth + 1));
    const itemName = (vs.getMergedTraits().xmlName as string | undefined) ?? 'member';
    return [{ name, children: v.flatMap((x) => writeXmlValue(vs, x, itemName, depth + 1)) }];
  }
  if (ns.isStructSchema() && typeof v === 'object') return [{ name, children: writeXmlStructChildren(ns, v as Record<string, unknown>, depth + 1) }];
  return [{ name, text: scalarText(ns, v, false) }];
}

function writeXmlStructChildren(ns: NormalizedSchema, v: Record<string, unknown>, depth: number): XmlOut[] {
  const out: XmlOut[] = [];
  for (const [name, m] of ns.structIterator()) {
    const t = m.getMergedTraits();
    if (t.httpHeader || t.httpPrefixHeaders || t.httpQuery || t.httpLabel || t.httpPayload || t.httpResponseCode) continue;
    const xmlName = (t.xmlName as string | undefined) ?? name;
    out.push(...writeXmlValue(m, v[name], xmlName, depth));
  }
  return out;
}

export interface RestXmlResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** Bytes, or (GetObject) the object's data as a stream, decrypted as it is read. */
  body: SandboxBody;
  streaming?: boolean;
}

const isStreamBody = (v: unknown): v is SandboxBody => isReadableStream(v) || isBlob(v) || isAsyncIterable(v);

/** How one operation's output members bind to the response (read once from the schema, as for input). */
type OutputBinding =
  | { at: 'header'; name: string; header: string; list: boolean; timestamp: boolean }
  | { at: 'prefix'; name: string; prefix: string }
  | { at: 'status'; name: string }
  | { at: 'payload'; name: string; blob: boolean; rootName: string; schema: NormalizedSchema }
  | { at: 'body'; name: string };

interface OutputPlan {
  bindings: OutputBinding[];
  hasBodyMembers: boolean;
  rootName: string;
  schema: NormalizedSchema;
}

const outputPlans = new Map<string, OutputPlan | undefined>();
function outputPlan(op: string): OutputPlan | undefined {
  if (outputPlans.has(op)) return outputPlans.get(op);
  const io = ioSchemas(op);
  let plan: OutputPlan | undefined;
  if (io && !io.output.isUnitSchema()) {
    const bindings: OutputBinding[] = [];
    for (const [name, m] of io.output.structIterator()) {
      const t = m.getMergedTraits();
      if (typeof t.httpHeader === 'string') {
        bindings.push({ at: 'header', name, header: t.httpHeader.toLowerCase(), list: m.isListSchema(), timestamp: m.isTimestampSchema() });
      } else if (typeof t.httpPrefixHeaders === 'string') bindings.push({ at: 'prefix', name, prefix: t.httpPrefixHeaders.toLowerCase() });
      else if (t.httpResponseCode) bindings.push({ at: 'status', name });
      else if (t.httpPayload) {
        bindings.push({ at: 'payload', name, blob: m.isBlobSchema(), rootName: (t.xmlName as string | undefined) ?? m.getName() ?? name, schema: m });
      } else bindings.push({ at: 'body', name });
    }
    const ot = io.output.getMergedTraits();
    plan = {
      bindings,
      hasBodyMembers: bindings.some((b) => b.at === 'body'),
      rootName: (ot.xmlName as string | undefined) ?? `${op}Result`,
      schema: io.output,
    };
  }
  outputPlans.set(op, plan);
  return plan;
}

function headerText(b: { list: boolean; timestamp: boolean }, v: unknown): string {
  if (b.list && Array.isArray(v)) return v.join(',');
  if (v instanceof Date) return HTTP_DATE(v);
  if (b.timestamp && typeof v === 'number') return HTTP_DATE(new Date(v));
  return String(v);
}

/** Writes an operation's output: header members, prefix headers, then the payload or XML body. */
export function serializeS3Output(op: string, method: string, output: unknown, requestId: string): RestXmlResponse {
  const o = (output ?? {}) as Record<string, unknown>;
  const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId };
  let status = typeof o['$status'] === 'number' ? (o['$status'] as number) : 200;
  let body: SandboxBody = new Uint8Array(0);
  let streaming = false;
  const plan = outputPlan(op);
  if (plan) {
    for (const b of plan.bindings) {
      const v = o[b.name];
      switch (b.at) {
        case 'header':
          if (v !== undefined && v !== null) headers[b.header] = headerValue(headerText(b, v));
          break;
        case 'prefix':
          for (const [k, x] of Object.entries((v ?? {}) as Record<string, unknown>)) headers[`${b.prefix}${k}`] = headerValue(String(x));
          break;
        case 'status':
          if (typeof v === 'number') status = v;
          break;
        case 'payload':
          if (b.blob) streaming = true;
          if (v instanceof Uint8Array) body = v;
          else if (isStreamBody(v)) body = v;
          else if (typeof v === 'string') body = utf8(v);
          else if (v && typeof v === 'object') {
            const node: XmlOut = { name: b.rootName, attrs: { xmlns: S3_XMLNS }, children: writeXmlStructChildren(b.schema, v as Record<string, unknown>, 0) };
            body = utf8(writeXml(node));
            headers['content-type'] = 'application/xml';
          }
          break;
        case 'body':
          break;
      }
    }
    if (plan.hasBodyMembers && status !== 204) {
      body = utf8(writeXml({ name: plan.rootName, attrs: { xmlns: S3_XMLNS }, children: writeXmlStructChildren(plan.schema, o, 0) }));
      headers['content-type'] = 'application/xml';
    }
  }
  const head = method === 'HEAD' || method.toUpperCase() === 'HEAD';
  if (head || status === 204) body = new Uint8Array(0);
  if (headers['content-length'] === undefined && !head && body instanceof Uint8Array) headers['content-length'] = String(body.length);
  return { statusCode: status, headers, body, streaming: streaming && !head };
}

/** S3's error document; HEAD errors have no body (the SDK then names them by status). */
export function serializeS3Error(err: ServiceError, requestId: string, method: string): RestXmlResponse {
  const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId };
  if (method.toUpperCase() === 'HEAD') return { statusCode: err.status, headers, body: new Uint8Array(0) };
  const children: XmlOut[] = [{ name: 'Code', text: err.code }];
  if (err.awsMessage !== undefined) children.push({ name: 'Message', text: err.awsMessage });
  for (const [k, v] of Object.entries(err.extra ?? {})) children.push({ name: k, text: v });
  children.push({ name: 'RequestId', text: requestId }, { name: 'HostId', text: requestId });
  headers['content-type'] = 'application/xml';
  return { statusCode: err.status, headers, body: utf8(writeXml({ name: 'Error', children })) };
}
