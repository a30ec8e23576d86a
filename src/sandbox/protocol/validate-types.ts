import type { ServiceName } from '../shared/context';

/** One member's constraints in AWS's API model (model-constraints.ts, generated). */
export interface MemberConstraint {
  /** Length of a string (characters), blob (bytes), list (items) or map (entries): [min, max]. */
  len?: readonly [number, number | null];
  /** Value of a number: [min, max]. */
  range?: readonly [number | null, number | null];
  /** A Java regular expression, matched against the whole value. */
  pattern?: string;
  enum?: readonly string[];
  /** The enum's shape name: the SDK exports it under this name (its values are accepted too). */
  enumName?: string;
  /** A whole number (the model's integer or long; the SDK's schemas type every number alike). */
  int?: boolean;
  /** The model marks the value sensitive: messages never echo it (AWS: `Value at 'username' ...`). */
  sensitive?: boolean;
  /** The model requires the member (the SDK's schema may require fewer: see validate.ts). */
  required?: boolean;
  /** A list's items. */
  item?: MemberConstraint;
  /** A map's keys and values. */
  key?: MemberConstraint;
  value?: MemberConstraint;
}

/** service -> input structure name -> member name -> constraints (member order = model order). */
export type ModelConstraints = Partial<Record<ServiceName, Record<string, Record<string, MemberConstraint>>>>;
