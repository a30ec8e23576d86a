import { aws, DOCS, item } from './build';

// The Identity lab's ideas (Cognito identity pool guests, the two flows, temporary credentials).
// They live in the study bank because a lab's own questions.ts must carry predict-then-run items,
// and the Identity lab has no experiments yet.

const COGNITO = {
  trust: 'https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html',
  getId: 'https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html',
  openIdToken: 'https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetOpenIdToken.html',
  credentialsForIdentity: 'https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html',
  webIdentity: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html',
  providers: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-aws-sdk-credential-providers/',
} as const;

const topic = 'Browser access with Cognito';

export const identityItems = [
  item({
    id: 'id-classic-flow-sequence',
    topic,
    skill: 'authorization',
    drills: { kind: 'concept', label: 'Cognito identity pools: the basic (classic) flow, call by call' },
    prompt:
      'A browser app uses a Cognito identity pool\'s basic (classic) flow so that it can call STS itself. The pool allows guests and has AllowClassicFlow set to true. The app has no identity id yet. Which sequence of calls gives it temporary AWS credentials for a guest?',
    sources: [aws('Amazon Cognito — Identity pool authentication flow', DOCS.cognitoFlow), aws('Amazon Cognito Identity API — GetOpenIdToken', COGNITO.openIdToken)],
    options: [
      ['classic', 'GetId, then GetOpenIdToken, then sts:AssumeRoleWithWebIdentity', true, 'GetId creates the identity, GetOpenIdToken returns a token for it (valid for 10 minutes), and STS exchanges the token for credentials of the role the app names.'],
      ['enhanced-mix', 'GetId, then GetCredentialsForIdentity, then sts:AssumeRoleWithWebIdentity', false, 'GetCredentialsForIdentity is the enhanced flow: it already returns credentials, so there is nothing left to exchange.'],
      ['order', 'GetOpenIdToken, then GetId, then sts:AssumeRoleWithWebIdentity', false, 'GetOpenIdToken needs the IdentityId that GetId returns, so GetId comes first.'],
      ['assume-role', 'GetId, then GetOpenIdToken, then sts:AssumeRole with the token', false, 'AssumeRole is signed with existing AWS credentials; a web identity token is exchanged with AssumeRoleWithWebIdentity.'],
    ],
  }),
  item({
    id: 'id-classic-flow-disabled',
    topic,
    skill: 'authorization',
    drills: { kind: 'concept', label: 'Cognito identity pools: the basic flow must be allowed on the pool' },
    prompt:
      'A team moves its single-page app from the enhanced flow to the basic flow. GetId still succeeds, but GetOpenIdToken now fails with InvalidParameterException: "Basic (classic) flow is not enabled, please use enhanced flow." The pool has no role mappings. Which change fixes the error with the LEAST operational overhead?',
    sources: [aws('Amazon Cognito — Identity pool authentication flow', DOCS.cognitoFlow)],
    options: [
      ['classic', 'Set AllowClassicFlow to true on the identity pool', true, 'The basic flow is a pool setting; with it off, GetOpenIdToken is refused with exactly this message.'],
      ['guests', 'Set AllowUnauthenticatedIdentities to true on the pool', false, 'Guest access is already on: without it GetId itself would fail with NotAuthorizedException.'],
      ['role-policy', 'Allow sts:AssumeRoleWithWebIdentity in the role\'s policy', false, 'The failing call is GetOpenIdToken, before STS; and who may assume the role is decided by its trust policy.'],
      ['region', 'Recreate the identity pool in the Region the app uses', false, 'A pool the Region does not know gives ResourceNotFoundException, not this message.'],
    ],
  }),
  item({
    id: 'id-guest-access-off',
    topic,
    skill: 'authorization',
    drills: { kind: 'concept', label: 'Cognito identity pools: unauthenticated versus authenticated identities' },
    prompt:
      'A developer creates an identity pool for a public demo page that has no sign-in. The page calls GetId with only the IdentityPoolId. It fails with NotAuthorizedException: "Unauthenticated access is not supported for this identity pool." Which change fixes it with the LEAST operational overhead?',
    sources: [aws('Amazon Cognito Identity API — GetId', COGNITO.getId), aws('Amazon Cognito — IAM roles', DOCS.cognitoRoles)],
    options: [
      ['guests', 'Turn on guest access (AllowUnauthenticatedIdentities) on the pool', true, 'A GetId call without Logins asks for an unauthenticated identity, which the pool must allow.'],
      ['classic', 'Turn on the basic (classic) flow (AllowClassicFlow) on the pool', false, 'The flow setting governs GetOpenIdToken, not whether guests may get an identity.'],
      ['role-policy', 'Allow cognito-identity:GetId in the unauthenticated role\'s policy', false, 'The role only applies once credentials are issued; GetId is refused by the pool setting first.'],
      ['login', 'Pass an empty Logins map so that the pool treats the caller as signed in', false, 'An identity is authenticated only through a token from a configured provider; an empty map is a guest.'],
    ],
  }),
  item({
    id: 'id-enhanced-guest-kms',
    topic,
    skill: 'authorization',
    drills: { kind: 'concept', label: 'Cognito identity pools: the enhanced flow\'s session policy' },
    prompt:
      'A prototype gives guests credentials through an identity pool\'s enhanced flow. For speed, the unauthenticated role allows kms:* on every key in the account. A reviewer asks what a guest can actually do with KMS. Which calls succeed for a guest? (Choose two.)',
    sources: [aws('Amazon Cognito — IAM roles', DOCS.cognitoRoles)],
    options: [
      ['encrypt', 'kms:Encrypt with an existing symmetric key', true, 'Cognito\'s guest session policy keeps data-plane calls such as Encrypt, Decrypt and GenerateDataKey, and the role allows them.'],
      ['generate', 'kms:GenerateDataKey with an existing symmetric key', true, 'It is among the KMS actions the guest session policy allows, so the role\'s kms:* lets it through.'],
      ['create', 'kms:CreateKey to make a key of the guest\'s own', false, 'Effective rights are the role\'s policy intersected with the session policies; no session policy allows CreateKey.'],
      ['describe', 'kms:DescribeKey on a key the app uses', false, 'DescribeKey is not in the guest session policy either, however broad the role is.'],
      ['schedule', 'kms:ScheduleKeyDeletion on any key in the account', false, 'Key management is outside the scope-down; the call fails with AccessDeniedException ("no session policy allows").'],
    ],
  }),
  item({
    id: 'id-credentials-refresh',
    topic,
    skill: 'sensitive-data',
    drills: { kind: 'concept', label: 'Temporary credentials: expiry and refresh' },
    prompt:
      'A single-page app gets guest credentials with fromCognitoIdentityPool from @aws-sdk/credential-providers. Learners keep the page open all day, and KMS calls must keep working after the temporary credentials expire. No credentials may be stored in the browser. Which approach meets these requirements with the LEAST operational overhead?',
    sources: [aws('AWS SDK for JavaScript v3 — credential providers', COGNITO.providers), aws('Amazon Cognito — Identity pool authentication flow', DOCS.cognitoFlow)],
    options: [
      ['provider', 'Pass the provider as each client\'s credentials; the client refreshes on expiry', true, 'The clients refresh expiring credentials through the provider; it caches only the identity id, never the keys.'],
      ['local-storage', 'Save AccessKeyId, SecretKey and SessionToken to localStorage and reuse them', false, 'That persists secrets in the browser, and the saved credentials still expire.'],
      ['duration', 'Ask GetCredentialsForIdentity for credentials that last 24 hours', false, 'GetCredentialsForIdentity takes no duration; enhanced-flow credentials last one hour.'],
      ['reload', 'Reload the page every 50 minutes so that new credentials are fetched', false, 'It interrupts the learner for something the SDK already does on its own.'],
    ],
  }),
  item({
    id: 'id-basic-flow-duration',
    topic,
    skill: 'sensitive-data',
    drills: { kind: 'key-number', label: 'AssumeRoleWithWebIdentity DurationSeconds defaults to 3,600' },
    prompt:
      'A lab on the basic flow needs guest sessions that last two hours without fetching new credentials. The unauthenticated role\'s maximum session duration is already four hours. The app calls AssumeRoleWithWebIdentity with the token from GetOpenIdToken. Which change meets the requirement with the LEAST operational overhead?',
    sources: [aws('AWS STS API Reference — AssumeRoleWithWebIdentity', COGNITO.webIdentity)],
    options: [
      ['duration', 'Pass DurationSeconds of 7200 to AssumeRoleWithWebIdentity', true, 'The session lasts what DurationSeconds asks (3,600 by default), up to the role\'s maximum.'],
      ['max-only', 'Raise the role\'s maximum session to 12 hours and change nothing else', false, 'The maximum is only a ceiling; without DurationSeconds the session still lasts the default hour.'],
      ['enhanced', 'Pass DurationSeconds of 7200 to GetCredentialsForIdentity', false, 'GetCredentialsForIdentity has no such parameter; its credentials last one hour.'],
      ['token', 'Call GetOpenIdToken once and reuse the token for the two hours', false, 'The token is valid for 10 minutes, and it is not a credential for AWS calls in any case.'],
    ],
  }),
  item({
    id: 'id-unauth-trust-policy',
    topic,
    skill: 'authorization',
    drills: { kind: 'concept', label: 'Cognito identity pools: the unauthenticated role\'s trust policy' },
    prompt:
      'An identity pool has one role for guests and another for signed-in users. The guest role must be assumable only by guest identities of this pool. Its trust policy names the Federated principal cognito-identity.amazonaws.com and the action sts:AssumeRoleWithWebIdentity. Which condition block is the MOST secure?',
    sources: [aws('Amazon Cognito — Role trust and permissions', COGNITO.trust)],
    options: [
      ['aud-amr', 'aud equal to the pool id, and amr (ForAnyValue) like "unauthenticated"', true, 'aud ties the role to this pool; amr, a multi-valued key, carries "unauthenticated" only for guests.'],
      ['aud-only', 'aud equal to the pool id, with no condition on amr at all', false, 'Signed-in identities of the same pool would pass too; their amr says "authenticated".'],
      ['account', 'aud equal to the AWS account ID that owns the identity pool', false, 'aud is the identity pool id, not an account id, so this never matches a token.'],
      ['none', 'None: the Federated principal already limits the role to this pool', false, 'That principal is the Cognito service for every pool; IAM requires a condition on such roles.'],
    ],
  }),
  item({
    id: 'id-new-identity-orphans',
    topic,
    skill: 'authorization',
    drills: { kind: 'concept', label: 'Guest identity ids change when the browser forgets them' },
    prompt:
      'A lab tags each guest\'s KMS key lab-owner=${cognito-identity.amazonaws.com:sub} and lets guests use only keys with their own tag. The SDK\'s credential provider keeps the guest\'s identity id in the browser. A learner clears the site\'s data and opens the lab again. Which outcome is MOST likely?',
    sources: [aws('AWS SDK for JavaScript v3 — credential providers', COGNITO.providers), aws('Amazon Cognito — IAM roles', DOCS.cognitoRoles)],
    options: [
      ['new-id', 'A new identity id is issued, and the old key is no longer usable by the learner', true, 'With its cached id gone, the provider calls GetId anew; the tag names the old id, so the key is orphaned (and still billed until deleted).'],
      ['same-id', 'Cognito recognises the browser and returns the same identity id', false, 'A guest has no login to be recognised by; a GetId without a cached id creates a new identity.'],
      ['deleted', 'Cognito deletes the old identity and schedules its KMS keys for deletion', false, 'Cognito knows nothing of the keys, and nothing schedules them for deletion on its own.'],
      ['user-sub', 'Access continues, because sub is the user pool sub of the browser', false, 'In identity pool policies, sub is the identity id (Region:GUID), not a user pool sub.'],
    ],
  }),
];
