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

function scalarFrom(ns: NormalizedSchema, text: string, where: string): unknown {
  if (ns.isBooleanSchema()) {
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw new ServiceError('InvalidArgument', `Invalid boolean value for ${where}`, 400, { ArgumentName: where, ArgumentValue: text });
  }
  if (ns.isNumericSchema()) {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) {
      throw new ServiceError('InvalidArgument', `Invalid value for ${where}`, 400, { ArgumentName: where, ArgumentValue: text });
    }
    return n;
  }
  if (ns.isTimestampSchema()) {
    const t = Date.parse(text);
    if (Number.isNaN(t)) throw new ServiceError('InvalidArgument', `Invalid date for ${where}`, 400, { ArgumentName: where, ArgumentValue: text });
    return new Date(t);
  }
  return text;
}

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

/** Reads an operation's input from the request, member by member, as the SDK's schema binds it. */
export function parseS3Input(op: string, req: RestXmlRequest, addr: S3Address): Record<string, unknown> {
  const io = ioSchemas(op);
  if (!io) return {};
  const input: Record<string, unknown> = {};
  for (const [name, m] of io.input.structIterator()) {
    const t = m.getMergedTraits();
    if (t.httpLabel) {
      if (name === 'Bucket' && addr.bucket !== undefined) input[name] = addr.bucket;
      else if (name === 'Key' && addr.key !== undefined) input[name] = addr.key;
      continue;
    }
    if (typeof t.httpHeader === 'string') {
      const v = req.headers[t.httpHeader.toLowerCase()];
      if (v === undefined) continue;
      input[name] = m.isListSchema() ? v.split(',').map((s) => s.trim()) : scalarFrom(m, v, t.httpHeader);
      continue;
    }
    if (typeof t.httpQuery === 'string') {
      const v = firstOf(req.query[t.httpQuery]);
      if (v === undefined || v === null) continue;
      input[name] = scalarFrom(m, v, t.httpQuery);
      continue;
    }
    if (typeof t.httpPrefixHeaders === 'string') {
      const prefix = t.httpPrefixHeaders.toLowerCase();
      const map: Record<string, string> = {};
      for (const [h, v] of Object.entries(req.headers)) if (h.startsWith(prefix)) map[h.slice(prefix.length)] = v;
      if (Object.keys(map).length) input[name] = map;
      continue;
    }
    if (t.httpPayload) {
      if (m.isBlobSchema()) input[name] = req.stream ?? req.body;
      else if (m.isStringSchema()) input[name] = fromUtf8(req.body);
      else if (m.isStructSchema()) {
        if (req.body.length === 0) continue;
        let root: XmlElement;
        try {
          root = parseXml(fromUtf8(req.body));
        } catch (e) {
          if (e instanceof XmlSyntaxError) throw malformedXml();
          throw e;
        }
        input[name] = readXmlStruct(m, root, 0);
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

/** Writes an operation's output: header members, prefix headers, then the payload or XML body. */
export function serializeS3Output(op: string, method: string, output: unknown, requestId: string): RestXmlResponse {
  const o = (output ?? {}) as Record<string, unknown>;
  const headers: Record<string, string> = { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId };
  let status = typeof o['$status'] === 'number' ? (o['$status'] as number) : 200;
  let body: SandboxBody = new Uint8Array(0);
  let streaming = false;
  const io = ioSchemas(op);
  if (io && !io.output.isUnitSchema()) {
    let hasBodyMembers = false;
    for (const [name, m] of io.output.structIterator()) {
      const t = m.getMergedTraits();
      const v = o[name];
      if (typeof t.httpHeader === 'string') {
        if (v !== undefined && v !== null) headers[t.httpHeader.toLowerCase()] = headerValue(m.isListSchema() && Array.isArray(v) ? v.join(',') : scalarText(m, v, true));
      } else if (typeof t.httpPrefixHeaders === 'string') {
        for (const [k, x] of Object.entries((v ?? {}) as Record<string, unknown>)) headers[`${t.httpPrefixHeaders.toLowerCase()}${k}`] = headerValue(String(x));
      } else if (t.httpResponseCode) {
        if (typeof v === 'number') status = v;
      } else if (t.httpPayload) {
        if (m.isBlobSchema()) streaming = true;
        if (v instanceof Uint8Array) body = v;
        else if (isStreamBody(v)) body = v;
        else if (typeof v === 'string') body = utf8(v);
        else if (v && typeof v === 'object') {
          const rootName = (t.xmlName as string | undefined) ?? m.getName() ?? name;
          const node: XmlOut = { name: rootName, attrs: { xmlns: S3_XMLNS }, children: writeXmlStructChildren(m, v as Record<string, unknown>, 0) };
          body = utf8(writeXml(node));
          headers['content-type'] = 'application/xml';
        }
      } else hasBodyMembers = true;
    }
    if (hasBodyMembers && status !== 204) {
      const ot = io.output.getMergedTraits();
      const rootName = (ot.xmlName as string | undefined) ?? `${op}Result`;
      body = utf8(writeXml({ name: rootName, attrs: { xmlns: S3_XMLNS }, children: writeXmlStructChildren(io.output, o, 0) }));
      headers['content-type'] = 'application/xml';
    }
  }
  if (method.toUpperCase() === 'HEAD' || status === 204) body = new Uint8Array(0);
  if (headers['content-length'] === undefined && method.toUpperCase() !== 'HEAD' && body instanceof Uint8Array) headers['content-length'] = String(body.length);
  return { statusCode: status, headers, body, streaming: streaming && method.toUpperCase() !== 'HEAD' };
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
