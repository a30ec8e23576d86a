/** An IAM-style policy document as the sandbox stores and evaluates it. */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement[] | PolicyStatement;
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: '*' | Record<string, string | string[]>;
  NotPrincipal?: Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean | number>>;
}

/** Who made a request, as the authoriser and CloudTrail's userIdentity need it. */
export interface Principal {
  type: 'IAMUser' | 'AssumedRole' | 'Root' | 'AWSService' | 'Anonymous';
  /** arn:aws:iam::111122223333:user/lab-admin, arn:aws:sts::111122223333:assumed-role/<role>/<session>, ... */
  arn: string;
  accountId: string;
  /** AIDA... for users, AROA...:<session> for role sessions. */
  principalId: string;
  userName?: string;
  /** For AssumedRole: the role's ARN (arn:aws:iam::<acct>:role/<name>), its name and the session name. */
  roleArn?: string;
  roleName?: string;
  sessionName?: string;
  /** Identity-based policies attached to the user or role. */
  identityPolicies: PolicyDocument[];
  /** Session policies (the enhanced flow's guest scope-down): effective = identity ∩ session. */
  sessionPolicies?: PolicyDocument[];
  /** For web-identity sessions (Cognito guests). */
  webIdentity?: {
    federatedProvider: string; // cognito-identity.amazonaws.com
    audience: string; // the identity pool id
    subject: string; // the Cognito identity id
    amr: string[]; // ["unauthenticated"] for guests
  };
}

/** A set of credentials the sandbox accepts: the static `test`/`test` admin keys or keys its STS vended. */
export interface CredentialRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Wall-clock epoch milliseconds (credential expiry is judged on the wall clock, as the SDK judges it). */
  expiration?: number;
  principal: Principal;
}
