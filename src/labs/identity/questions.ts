import type { Drill, GuideSkill, Question, Source } from '../../study/schema';
import { defineQuestions } from '../../study/schema';
import { assumeRoleDefaultDuration, assumeRoleForTwoHours, CREATED, createKeyWithEnhancedFlow } from './experiments';

// The Identity lab's questions: Cognito identity pool guests, the basic (classic) and enhanced
// flows, the guest scope-down and the temporary credentials' lifetime. The first eight were in the
// study bank (src/study/bank) before the lab had experiments; their ids are kept, so learners'
// progress on them is kept too.

const labId = 'identity';
const topic = 'Browser access with Cognito';
const LAST_CHECKED = '2026-12-04';

const DOCS = {
  cognitoRoles: 'https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html',
  cognitoFlow: 'https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html',
  trust: 'https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html',
  getId: 'https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html',
  openIdToken: 'https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetOpenIdToken.html',
  credentialsForIdentity: 'https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html',
  webIdentity: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html',
  maxSession: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html',
  sessionPolicies: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session',
  createKey: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html',
  providers: 'https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-aws-sdk-credential-providers/',
} as const;
const COGNITO = DOCS;

const aws = (label: string, url: string): Source => ({ label, url });

/** [id, text, correct, explanation] */
type Opt = readonly [id: string, text: string, correct: boolean, explanation: string];

/** A single- or multiple-answer item written compactly (as the study bank's `item()`), filed under this lab. */
interface ChoiceSpec {
  id: string;
  topic: string;
  skill: GuideSkill;
  drills: Drill;
  prompt: string;
  sources: Source[];
  options: readonly Opt[];
}

function choice(spec: ChoiceSpec): Question {
  const correct = spec.options.filter((o) => o[2]).length;
  const options = spec.options.map(([id, text, isCorrect, explanation]) => ({ id, text, correct: isCorrect, explanation }));
  const { id, skill, drills, prompt, sources } = spec;
  const common = { id, labId, topic: spec.topic, skill, drills, prompt, sources, lastChecked: LAST_CHECKED, options };
  return correct > 1 ? { ...common, type: 'multiple' } : { ...common, type: 'single' };
}

export const identityQuestions = defineQuestions([
  choice({
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
  choice({
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
  choice({
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
  choice({
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
  choice({
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
  choice({
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
  choice({
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
  choice({
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
  {
    id: 'id-predict-enhanced-create-key',
    labId,
    type: 'predict',
    topic,
    skill: 'authorization',
    lastChecked: LAST_CHECKED,
    drills: { kind: 'concept', label: 'Cognito identity pools: the enhanced flow\'s session policy' },
    prompt:
      'The lab\'s guest role allows kms:CreateKey when the request tags the key lab-owner=<the guest\'s identity id>. A developer gets the guest\'s credentials through the enhanced flow (GetCredentialsForIdentity) instead of the basic flow, then calls CreateKey with that tag. What happens?',
    experimentSummary:
      'Calls GetCredentialsForIdentity for the lab\'s identity, then CreateKey signed with the credentials it returned and tagged lab-owner=<identity id>. Should a backend create the key anyway, it is scheduled for deletion (7 days) at once.',
    sources: [
      aws('Amazon Cognito — IAM roles (guest session policies)', DOCS.cognitoRoles),
      aws('IAM User Guide — Session policies', DOCS.sessionPolicies),
      aws('Amazon Cognito Identity API — GetCredentialsForIdentity', DOCS.credentialsForIdentity),
    ],
    expected: 'access-denied',
    experiment: createKeyWithEnhancedFlow,
    options: [
      {
        id: 'created',
        text: 'The key is created, because the role allows it with that tag',
        outcome: { kind: 'success', value: CREATED },
        explanation:
          'The role does allow it, but the enhanced flow assumes the role with Cognito\'s guest session policies, and a session gets only what both allow. Emulators such as moto apply no session policy and do create the key.',
      },
      {
        id: 'access-denied',
        text: 'AccessDeniedException from KMS, although the role allows it',
        outcome: { kind: 'error', name: 'AccessDeniedException' },
        explanation:
          'For guests, Cognito passes session policies that allow only data-plane KMS calls (Encrypt, Decrypt, GenerateDataKey…). KMS answers "… because no session policy allows the kms:CreateKey action".',
      },
      {
        id: 'not-authorized',
        text: 'NotAuthorizedException from Cognito, which refuses guests',
        outcome: { kind: 'error', name: 'NotAuthorizedException' },
        explanation:
          'The pool allows guests, so GetCredentialsForIdentity succeeds and returns credentials; the refusal comes later, from KMS.',
      },
      {
        id: 'unrecognized',
        text: 'UnrecognizedClientException: KMS rejects Cognito\'s keys',
        outcome: { kind: 'error', name: 'UnrecognizedClientException' },
        explanation:
          'Credentials from Cognito are ordinary STS session credentials (ASIA…) that every service accepts; what they may do is the question, not whether they are known.',
      },
    ],
  },
  {
    id: 'id-predict-duration-above-max',
    labId,
    type: 'predict',
    topic,
    skill: 'sensitive-data',
    lastChecked: LAST_CHECKED,
    drills: { kind: 'key-number', label: 'AssumeRoleWithWebIdentity DurationSeconds: 900 up to the role\'s maximum session (1 to 12 hours)' },
    prompt:
      'The lab\'s guest role keeps IAM\'s default maximum session duration of one hour. On the basic flow, a developer wants longer sessions and passes DurationSeconds of 7200 to AssumeRoleWithWebIdentity, with a fresh token from GetOpenIdToken. What happens?',
    experimentSummary:
      'Calls GetOpenIdToken for the lab\'s identity, then AssumeRoleWithWebIdentity on the lab\'s guest role with DurationSeconds 7200. Nothing is created, and any credentials returned are discarded.',
    sources: [
      aws('AWS STS API Reference — AssumeRoleWithWebIdentity (DurationSeconds)', DOCS.webIdentity),
      aws('IAM User Guide — Update the maximum session duration for a role', DOCS.maxSession),
    ],
    expected: 'validation',
    experiment: assumeRoleForTwoHours,
    options: [
      {
        id: 'two-hours',
        text: 'Credentials that last two hours, as asked',
        outcome: { kind: 'success', value: '2-hours' },
        explanation: 'The role\'s maximum session duration is a ceiling on what may be asked, and 7,200 seconds is above it.',
      },
      {
        id: 'one-hour',
        text: 'Credentials cut down to the one-hour maximum',
        outcome: { kind: 'success', value: '1-hour' },
        explanation: 'STS does not lower the value quietly: the STS reference says a value above the role\'s setting makes the operation fail.',
      },
      {
        id: 'validation',
        text: 'ValidationError, and no credentials at all',
        outcome: { kind: 'error', name: 'ValidationError' },
        explanation:
          'STS answers "The requested DurationSeconds exceeds the MaxSessionDuration set for this role." Raise the role\'s maximum (up to 12 hours) first. STS, a Query API, names it ValidationError, not ValidationException.',
      },
      {
        id: 'access-denied',
        text: 'AccessDenied from the role\'s trust policy',
        outcome: { kind: 'error', name: 'AccessDenied' },
        explanation: 'The trust policy\'s conditions look at the token\'s aud and amr claims, which this token meets; the duration is checked against the role\'s setting.',
      },
    ],
  },
  {
    id: 'id-predict-default-duration',
    labId,
    type: 'predict',
    topic,
    skill: 'sensitive-data',
    lastChecked: LAST_CHECKED,
    drills: { kind: 'key-number', label: 'AssumeRoleWithWebIdentity DurationSeconds defaults to 3,600' },
    prompt:
      'A developer replays the basic flow by hand: GetId, GetOpenIdToken (whose token is valid for 10 minutes), then AssumeRoleWithWebIdentity on the lab\'s guest role without DurationSeconds. How long do the returned credentials last?',
    experimentSummary:
      'Calls GetOpenIdToken for the lab\'s identity, then AssumeRoleWithWebIdentity on the lab\'s guest role with no DurationSeconds, and compares the credentials\' Expiration with this computer\'s clock. Nothing is created.',
    sources: [
      aws('AWS STS API Reference — AssumeRoleWithWebIdentity (DurationSeconds)', DOCS.webIdentity),
      aws('Amazon Cognito Identity API — GetOpenIdToken', DOCS.openIdToken),
    ],
    expected: 'one-hour',
    experiment: assumeRoleDefaultDuration,
    options: [
      {
        id: 'ten-minutes',
        text: '10 minutes',
        outcome: { kind: 'success', value: '10-minutes' },
        explanation: 'Ten minutes is how long the OpenID token may be exchanged; the session it buys has its own lifetime.',
      },
      {
        id: 'fifteen-minutes',
        text: '15 minutes',
        outcome: { kind: 'success', value: '15-minutes' },
        explanation: '900 seconds is the shortest session that may be asked for, not what you get when asking for nothing.',
      },
      {
        id: 'one-hour',
        text: 'One hour',
        outcome: { kind: 'success', value: '1-hour' },
        explanation: 'Without DurationSeconds, STS issues a 3,600-second session, which the role\'s maximum must allow; the lab refreshes before expiry.',
      },
      {
        id: 'twelve-hours',
        text: '12 hours',
        outcome: { kind: 'success', value: '12-hours' },
        explanation: '43,200 seconds is the highest maximum a role can be given; a session gets it only when asked for and allowed.',
      },
    ],
  },
  choice({
    id: 'id-scenario-guests-create-keys',
    topic,
    skill: 'authorization',
    drills: { kind: 'concept', label: 'Cognito identity pools: the enhanced flow\'s session policy' },
    prompt:
      'A training app gives each browser guest a KMS key of its own, tagged with the guest\'s identity id. The app gets credentials through an identity pool\'s enhanced flow, and the unauthenticated role allows kms:CreateKey when that tag is in the request. CreateKey fails with AccessDeniedException, and the message says that no session policy allows the kms:CreateKey action. Which change fixes this with the LEAST operational overhead?',
    sources: [
      aws('Amazon Cognito — IAM roles', DOCS.cognitoRoles),
      aws('Amazon Cognito — Identity pool authentication flow', DOCS.cognitoFlow),
      aws('Amazon Cognito Identity API — GetCredentialsForIdentity', DOCS.credentialsForIdentity),
    ],
    options: [
      ['basic', 'Allow the basic flow and call AssumeRoleWithWebIdentity from the app', true, 'In the basic flow the app calls STS itself and Cognito adds no session policy, so the role\'s own policy decides. The pool needs AllowClassicFlow.'],
      ['role-policy', 'Grant kms:* on every resource in the unauthenticated role\'s policy', false, 'The role already allows the call; a session gets the intersection of the role and the session policies, however broad the role is.'],
      ['key-policy', 'Allow the unauthenticated role kms:CreateKey in a key policy', false, 'CreateKey makes a new key, so no key policy can be consulted for it; and the session policy would still refuse it.'],
      ['session-param', 'Pass a session policy allowing CreateKey to GetCredentialsForIdentity', false, 'GetCredentialsForIdentity takes no policy: Cognito chooses the session policies for guests on the enhanced flow.'],
    ],
  }),
  choice({
    id: 'id-openid-token-expired',
    topic,
    skill: 'authorization',
    drills: { kind: 'key-number', label: 'Cognito OpenID tokens are valid for 10 minutes' },
    prompt:
      'A kiosk app on the basic flow calls GetId and GetOpenIdToken when it starts and keeps the token. Twenty minutes later, when it first needs AWS credentials, it calls AssumeRoleWithWebIdentity with that token. Which result is MOST likely?',
    sources: [
      aws('Amazon Cognito Identity API — GetOpenIdToken', DOCS.openIdToken),
      aws('AWS STS API Reference — AssumeRoleWithWebIdentity (errors)', DOCS.webIdentity),
    ],
    options: [
      ['expired', 'ExpiredTokenException: get a new token for the same identity', true, 'The token is valid for 10 minutes and STS checks its expiry. The identity id does not expire, so GetOpenIdToken again and retry.'],
      ['works', 'One-hour credentials: the token lives as long as the identity', false, 'The identity lasts, its tokens do not: each OpenID token is valid for 10 minutes.'],
      ['invalid', 'InvalidIdentityToken, because Cognito has revoked the identity', false, 'Nothing revokes a guest identity after twenty minutes; STS reports an expired token as expired.'],
      ['remaining', 'Credentials that end when the token would have expired', false, 'A session\'s lifetime comes from DurationSeconds, not from the token, and this token has already expired.'],
    ],
  }),
]);
