import { PARTITION } from './context';

export const kmsKeyArn = (region: string, account: string, keyId: string) =>
  `arn:${PARTITION}:kms:${region}:${account}:key/${keyId}`;
export const kmsAliasArn = (region: string, account: string, aliasName: string) =>
  `arn:${PARTITION}:kms:${region}:${account}:${aliasName}`;
export const accountRootArn = (account: string) => `arn:${PARTITION}:iam::${account}:root`;

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! };
}

/** Any valid region name works the same way in the sandbox (us-east-1, eu-west-3, ap-southeast-2, ...). */
export const isRegionName = (r: string): boolean => /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/.test(r);
