import { NormalizedSchema } from '@smithy/core/schema';
import * as kmsModel from '@aws-sdk/client-kms';
import * as cognitoModel from '@aws-sdk/client-cognito-identity';
import * as cloudtrailModel from '@aws-sdk/client-cloudtrail';
import * as stsModel from '@aws-sdk/client-sts';
import type { ServiceName } from '../shared/context';

/**
 * Each service's operation table, taken from the schemas the SDK clients ship (AWS's own API model:
 * every `X$` export shaped `[9, namespace, name, traits, input, output]` is an operation). There is no
 * hand-kept list: when the SDK learns an operation, the sandbox knows that AWS has it.
 *
 * These schemas are the SDK's internal API, which is why package.json pins `@aws-sdk/*` and `@smithy/*`
 * exactly. The clients are already in the page's lazy SDK chunk, so the namespace imports cost little.
 */

type SchemaRef = Parameters<typeof NormalizedSchema.of>[0];
export interface OperationModel {
  name: string;
  input: NormalizedSchema;
  output: NormalizedSchema;
}

const SDK_MODULES: Partial<Record<ServiceName, Record<string, unknown>>> = {
  kms: kmsModel,
  'cognito-identity': cognitoModel,
  cloudtrail: cloudtrailModel,
  sts: stsModel,
};

/**
 * Later services register their SDK module here (S3's REST-XML protocol adds client-s3), so the
 * sandbox only pays for the models of services it serves.
 */
export function registerServiceModel(service: ServiceName, sdkModule: Record<string, unknown>): void {
  SDK_MODULES[service] = sdkModule;
  tables.delete(service);
}

const tables = new Map<ServiceName, Map<string, OperationModel>>();

function isOperationSchema(v: unknown): v is [9, string, string, unknown, SchemaRef, SchemaRef] {
  return Array.isArray(v) && v[0] === 9 && typeof v[2] === 'string';
}

/** Every operation AWS's model lists for the service, by its exact name. */
export function operationTable(service: ServiceName): ReadonlyMap<string, OperationModel> {
  let t = tables.get(service);
  if (!t) {
    t = new Map();
    const mod = SDK_MODULES[service];
    if (mod) {
      for (const [exportName, v] of Object.entries(mod)) {
        if (!exportName.endsWith('$') || !isOperationSchema(v)) continue;
        const [, , name, , input, output] = v;
        // Each operation's schemas are wrapped when first asked for: a table is built on its
        // service's first call (the first page load's), and wrapping all of KMS's or CloudTrail's
        // operations then was tens of milliseconds the first call waited for.
        let inputSchema: NormalizedSchema | undefined;
        let outputSchema: NormalizedSchema | undefined;
        t.set(name, {
          name,
          get input() {
            return (inputSchema ??= NormalizedSchema.of(input));
          },
          get output() {
            return (outputSchema ??= NormalizedSchema.of(output));
          },
        });
      }
    }
    tables.set(service, t);
  }
  return t;
}

export const operationModel = (service: ServiceName, operation: string): OperationModel | undefined =>
  operationTable(service).get(operation);

/** AWS has this operation (whether or not the sandbox implements it). */
export const awsHasOperation = (service: ServiceName, operation: string): boolean => operationTable(service).has(operation);

/** The SDK client package a service's schemas come from (its enum exports are read by validate.ts). */
export const sdkModuleOf = (service: ServiceName): Record<string, unknown> | undefined => SDK_MODULES[service];
