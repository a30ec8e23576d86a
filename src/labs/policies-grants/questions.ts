import { defineQuestions } from '../../study/schema';
import { POLICY_STORED, putLockoutPolicy, putPolicyWithUnknownRole } from './experiments';

const DOCS = {
  keyPolicies: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
  defaultPolicy: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html',
  grants: 'https://docs.aws.amazon.com/kms/latest/developerguide/grants.html',
  grantConcepts: 'https://docs.aws.amazon.com/kms/latest/developerguide/grant-concepts.html',
  grantDelete: 'https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html',
  createGrant: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateGrant.html',
  putKeyPolicy: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html',
  crossAccount: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html',
  powerUser: 'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSKeyManagementServicePowerUser.html',
  evaluation: 'https://docs.aws.amazon.com/kms/latest/developerguide/policy-evaluation.html',
} as const;

const topic = 'Key policies and grants';
const labId = 'policies-grants';

export const policiesGrantsQuestions = defineQuestions([
  {
    id: 'pg-trap3-iam-allow-ignored',
    labId,
    type: 'single',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'trap', label: 'Trap 3: assuming IAM alone grants KMS access' },
    prompt:
      'A developer attaches an IAM policy that allows kms:Decrypt on a customer managed key to the role of an order service. Decrypt still fails with AccessDeniedException. The key policy was written by a security team and lists two named administrators. Which is the MOST likely cause?',
    sources: [
      { label: 'Guide 002 — Exam traps, trap 3' },
      { label: 'AWS KMS Developer Guide — Default key policy', url: DOCS.defaultPolicy },
    ],
    options: [
      {
        id: 'no-root-statement',
        text: 'The key policy has no statement that lets the account (and so its IAM policies) grant access',
        correct: true,
        explanation:
          'A KMS key is only reachable through its key policy. The default statement naming the account root ("Enable IAM User Permissions") is what lets IAM policies count; without it, an IAM allow on that key does nothing.',
      },
      {
        id: 'needs-generate',
        text: 'The IAM policy must also allow kms:GenerateDataKey before Decrypt is allowed',
        correct: false,
        explanation: 'Each KMS action is authorised on its own. Decrypt does not depend on GenerateDataKey permission.',
      },
      {
        id: 'resource-star',
        text: 'IAM policies for KMS must use "Resource": "*" instead of the key ARN',
        correct: false,
        explanation: 'Naming the key ARN in an IAM policy is the recommended, narrower form. The resource element is not the problem here.',
      },
      {
        id: 'rotation',
        text: 'Automatic rotation is off, so older ciphertext cannot be decrypted by new roles',
        correct: false,
        explanation: 'Rotation never changes who may use a key, and old material stays available for decryption whether rotation is on or off.',
      },
    ],
  },
  {
    id: 'pg-fix-trap3-least-privilege',
    labId,
    type: 'single',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'trap', label: 'Trap 3: the key policy decides first' },
    prompt:
      'An order service role must decrypt with a customer managed key. The key policy names two administrators and has no statement that delegates to IAM. No other principal in the account may gain access to the key. Which change gives the role access with the LEAST privilege?',
    sources: [{ label: 'AWS KMS Developer Guide — Key policies', url: DOCS.keyPolicies }],
    options: [
      {
        id: 'statement-for-role',
        text: 'Add a key policy statement that names the order service role and allows only kms:Decrypt',
        correct: true,
        explanation:
          'A statement that names the role directly is enough on its own for a principal in the same account, and allows exactly one action on exactly one key.',
      },
      {
        id: 'root-statement',
        text: 'Add the "Enable IAM User Permissions" statement and rely on the role\'s IAM policy',
        correct: false,
        explanation:
          'That works, but it opens the key to every principal in the account whose IAM policies allow KMS actions, now and in future: more than the one role needs.',
      },
      {
        id: 'admin-access',
        text: 'Attach AdministratorAccess to the order service role',
        correct: false,
        explanation: 'An IAM policy, however broad, still needs the key policy to delegate to IAM; and it grants far more than needed.',
      },
      {
        id: 'principal-star',
        text: 'Add a statement with "Principal": "*" and "Action": "kms:Decrypt"',
        correct: false,
        explanation: 'A wildcard principal without conditions lets any AWS principal, in any account, call Decrypt with this key. It is the opposite of least privilege.',
      },
    ],
  },
  {
    id: 'pg-predict-lockout',
    labId,
    type: 'predict',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'The key policy lock-out safety check' },
    prompt:
      'You call PutKeyPolicy on your own key with a policy whose only statement lets KeyUserRole encrypt, decrypt and describe it. You do not set BypassPolicyLockoutSafetyCheck. What happens?',
    experimentSummary:
      'Creates a key with the default policy; the sandbox’s administrator calls PutKeyPolicy with a policy that names only KeyUserRole (sandbox only: the lab’s guests may not change key policies). The key is scheduled for deletion (7 days) at the end.',
    sources: [{ label: 'AWS KMS API Reference — PutKeyPolicy', url: DOCS.putKeyPolicy }],
    expected: 'lockout',
    experiment: putLockoutPolicy,
    options: [
      {
        id: 'stored',
        text: 'The policy is stored; you lose access to the key from then on',
        outcome: { kind: 'success', value: POLICY_STORED },
        explanation:
          'Only with BypassPolicyLockoutSafetyCheck can such a policy be stored (and AWS advises against it). Without the flag KMS checks the new policy first.',
      },
      {
        id: 'lockout',
        text: 'KMS refuses with MalformedPolicyDocumentException: the new policy would not let you update it again',
        outcome: { kind: 'error', name: 'MalformedPolicyDocumentException' },
        explanation:
          'KMS simulates your next PutKeyPolicy under the new policy. Since neither you nor your account is named, it answers "The new key policy will not allow you to update the key policy in the future."',
      },
      {
        id: 'denied',
        text: 'KMS refuses with AccessDeniedException, because KeyUserRole may not call PutKeyPolicy',
        outcome: { kind: 'error', name: 'AccessDeniedException' },
        explanation: 'You, not KeyUserRole, are calling PutKeyPolicy, and your current access allows it. The refusal comes from checking the new document.',
      },
      {
        id: 'limit',
        text: 'KMS refuses with LimitExceededException',
        outcome: { kind: 'error', name: 'LimitExceededException' },
        explanation: 'That error is for documents over the 32 KB key policy size limit. This policy is tiny.',
      },
    ],
  },
  {
    id: 'pg-predict-unknown-principal',
    labId,
    type: 'predict',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'KMS checks that every principal in a key policy exists' },
    prompt:
      'A template adds a key policy statement for a reporting role that was deleted last week. The rest of the policy is the default one. What does PutKeyPolicy answer?',
    experimentSummary:
      'Creates a key; the sandbox’s administrator calls PutKeyPolicy with the default statement plus one naming a role that does not exist (sandbox only: the lab’s guests may not change key policies). The key is scheduled for deletion (7 days) at the end.',
    sources: [{ label: 'AWS KMS API Reference — PutKeyPolicy', url: DOCS.putKeyPolicy }],
    expected: 'malformed',
    experiment: putPolicyWithUnknownRole,
    options: [
      {
        id: 'stored',
        text: 'The policy is stored; the statement for the missing role is simply never used',
        outcome: { kind: 'success', value: POLICY_STORED },
        explanation: 'KMS validates principals when the policy is set, so a policy naming a principal that does not exist is not stored.',
      },
      {
        id: 'malformed',
        text: 'MalformedPolicyDocumentException: the policy contains an invalid principal',
        outcome: { kind: 'error', name: 'MalformedPolicyDocumentException' },
        explanation:
          'KMS answers "Policy contains a statement with one or more invalid principals." The same error stops a CloudFormation stack that names a deleted role in AWS::KMS::Key.',
      },
      {
        id: 'not-found',
        text: 'NotFoundException naming the role',
        outcome: { kind: 'error', name: 'NotFoundException' },
        explanation: 'NotFoundException is about the key (or an alias, or a grant). A bad principal makes the document itself invalid.',
      },
      {
        id: 'validation',
        text: 'ValidationException for the Principal element',
        outcome: { kind: 'error', name: 'ValidationException' },
        explanation: 'Framework validation checks lengths and character sets of the Policy string, not what the policy means.',
      },
    ],
  },
  {
    id: 'pg-admins-put-star',
    labId,
    type: 'single',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'Key administrators versus key users' },
    prompt:
      'A key was created in the console with a security team role as key administrator and an application role as key user. Which statement about the security team role is true?',
    sources: [
      { label: 'Guide 000 — Part I, steps 04–05' },
      { label: 'AWS KMS Developer Guide — Default key policy', url: DOCS.defaultPolicy },
    ],
    options: [
      {
        id: 'can-self-grant',
        text: 'It cannot encrypt with the key, but kms:PutKeyPolicy lets it add a statement that allows itself to',
        correct: true,
        explanation:
          'The administrator statement has kms:Put* and kms:Create* (PutKeyPolicy, CreateGrant) but no cryptographic actions. Administrators can still give themselves use by rewriting the policy or creating a grant, so they must be trusted.',
      },
      {
        id: 'can-encrypt',
        text: 'It can encrypt and decrypt, because administrators have kms:* on the key',
        correct: false,
        explanation: 'The console gives administrators a list of management actions, not kms:*. Encrypt and Decrypt go to the key users statement.',
      },
      {
        id: 'cannot-delete',
        text: 'It cannot schedule the key for deletion; only the root user can',
        correct: false,
        explanation: 'kms:ScheduleKeyDeletion and kms:CancelKeyDeletion are in the administrator statement the console writes.',
      },
      {
        id: 'cannot-change',
        text: 'It can never gain the right to decrypt without the root user changing the policy',
        correct: false,
        explanation: 'kms:Put* covers PutKeyPolicy and kms:Create* covers CreateGrant: either lets an administrator grant itself use.',
      },
    ],
  },
  {
    id: 'pg-scenario5-ecs-grant',
    labId,
    type: 'single',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'scenario', label: 'Scenario 5: decrypt only while processing one SQS message' },
    prompt:
      'An Amazon ECS task processes messages from an Amazon SQS queue. It must be able to decrypt with a KMS key only while it processes one specific message. The permission must be removed programmatically afterwards without editing any policy. Which solution meets these requirements with the LEAST operational overhead?',
    sources: [
      { label: 'Guide 002 — Practice scenarios' },
      { label: 'AWS KMS Developer Guide — Grants in AWS KMS', url: DOCS.grants },
    ],
    options: [
      {
        id: 'grant-equals',
        text: 'CreateGrant for Decrypt with an EncryptionContextEquals constraint, then retire the grant',
        correct: true,
        explanation:
          'Grants are made for temporary, programmatic delegation: a grant to the task role, no policy edit, a constraint that ties use to the message\'s context, and RetireGrant or RevokeGrant when done.',
      },
      {
        id: 'put-policy',
        text: 'Add a key policy statement for the task role with PutKeyPolicy, then remove it after the message',
        correct: false,
        explanation: 'Rewriting the whole key policy per message is error-prone, races between tasks, and each change risks locking others out.',
      },
      {
        id: 'iam-inline',
        text: 'Attach an inline IAM policy to the task role for each message, then detach it afterwards',
        correct: false,
        explanation: 'IAM changes are slow to propagate, need iam:PutRolePolicy rights in the application, and still depend on the key policy delegating to IAM.',
      },
      {
        id: 'data-key-env',
        text: 'Give the task a plaintext data key in an environment variable for the life of the task',
        correct: false,
        explanation: 'A long-lived plaintext key in configuration is the opposite of scoping access to one message.',
      },
    ],
  },
  {
    id: 'pg-constraint-subset-vs-equals',
    labId,
    type: 'single',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'Grant constraints: EncryptionContextEquals versus EncryptionContextSubset' },
    prompt:
      'A grant has the constraint EncryptionContextSubset {"tenant":"blue"}. Which Decrypt request by the grantee does the grant allow?',
    sources: [{ label: 'AWS KMS API Reference — CreateGrant (GrantConstraints)', url: DOCS.createGrant }],
    options: [
      {
        id: 'superset',
        text: 'One whose context is {"tenant":"blue","order":"1042"}',
        correct: true,
        explanation: 'Subset means the request context must contain every pair of the constraint; extra pairs are allowed. EncryptionContextEquals would refuse the extra pair.',
      },
      {
        id: 'case',
        text: 'One whose context is {"Tenant":"blue"}',
        correct: false,
        explanation: 'Context keys and values are compared case-sensitively: "Tenant" is not "tenant".',
      },
      {
        id: 'empty',
        text: 'One with no encryption context at all',
        correct: false,
        explanation: 'The constraint requires the pair tenant=blue to be present; an empty context lacks it.',
      },
      {
        id: 'other-value',
        text: 'One whose context is {"tenant":"red","order":"1042"}',
        correct: false,
        explanation: 'The key is present but its value differs, so the pair tenant=blue is missing.',
      },
    ],
  },
  {
    id: 'pg-retire-vs-revoke',
    labId,
    type: 'multiple',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'RetireGrant versus RevokeGrant' },
    prompt: 'Which principals can retire a grant without any key policy or IAM permission for kms:RetireGrant? (Choose two.)',
    sources: [{ label: 'AWS KMS Developer Guide — Retiring and revoking grants', url: DOCS.grantDelete }],
    options: [
      {
        id: 'retiring',
        text: 'The retiring principal named in the grant',
        correct: true,
        explanation: 'The grant itself decides who may retire it; the retiring principal needs nothing else.',
      },
      {
        id: 'grantee-with-op',
        text: 'The grantee principal, when the grant includes the RetireGrant operation',
        correct: true,
        explanation: 'A grantee may retire its own grant only if the grant lists RetireGrant (or it is also the retiring principal).',
      },
      {
        id: 'any-grantee',
        text: 'Any grantee principal, whatever operations the grant lists',
        correct: false,
        explanation: 'Without RetireGrant among the operations, the grantee cannot retire the grant.',
      },
      {
        id: 'revoke-users',
        text: 'Any key user with kms:Encrypt in the key policy',
        correct: false,
        explanation: 'Encrypt permission says nothing about grants. RevokeGrant, by contrast, is authorised by key and IAM policies (usually key administrators).',
      },
      {
        id: 'token-holder',
        text: 'Any principal that holds the grant token returned by CreateGrant',
        correct: false,
        explanation: 'RetireGrant accepts the grant token to identify the grant, but holding it authorises nothing: the grant still decides who may retire it.',
      },
    ],
  },
  {
    id: 'pg-explicit-deny-vs-grant',
    labId,
    type: 'single',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'Grants versus key policies versus IAM: an explicit Deny wins' },
    prompt:
      'A key policy has a statement that denies kms:Decrypt to a batch role. An administrator then creates a grant that allows the batch role to Decrypt. What happens when the batch role calls Decrypt?',
    sources: [{ label: 'AWS KMS Developer Guide — Grants in AWS KMS', url: DOCS.grantConcepts }],
    options: [
      {
        id: 'deny-wins',
        text: 'AccessDeniedException: an explicit Deny in any policy overrides the grant',
        correct: true,
        explanation: 'Grants can only allow. Policy evaluation still applies every explicit Deny first, so the grant cannot get around it.',
      },
      {
        id: 'grant-wins',
        text: 'It succeeds: a grant is evaluated after the key policy and replaces its decision',
        correct: false,
        explanation: 'Nothing replaces an explicit Deny. A grant turns an implicit deny into an allow, never an explicit one.',
      },
      {
        id: 'token',
        text: 'It succeeds only if the batch role passes the grant token',
        correct: false,
        explanation: 'A grant token only bridges the short time before a new grant is consistent everywhere; it does not outrank a Deny.',
      },
      {
        id: 'grant-refused',
        text: 'CreateGrant itself failed, because KMS refuses grants that conflict with the key policy',
        correct: false,
        explanation: 'CreateGrant does not compare the grant with the key policy; the conflict shows when the grant is used.',
      },
    ],
  },
  {
    id: 'pg-grant-token',
    labId,
    type: 'single',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'Grants are eventually consistent; grant tokens work at once' },
    prompt:
      'An application calls CreateGrant for a worker role. In the next line it uses the worker\'s credentials to call Encrypt with the key. Occasionally that Encrypt fails with AccessDeniedException. Which fix is the MOST reliable?',
    sources: [{ label: 'AWS KMS Developer Guide — Grant concepts (grant token, eventual consistency)', url: DOCS.grantConcepts }],
    options: [
      {
        id: 'pass-token',
        text: 'Pass the returned grant token in the GrantTokens parameter of Encrypt',
        correct: true,
        explanation: 'A new grant can take up to about five minutes to be available everywhere; presenting its token lets the grant work at once.',
      },
      {
        id: 'sleep',
        text: 'Sleep for ten minutes after every CreateGrant before calling Encrypt',
        correct: false,
        explanation: 'Waiting might work but adds needless latency; the grant token exists for exactly this case.',
      },
      {
        id: 'name',
        text: 'Give the grant a Name so that KMS creates the grant synchronously',
        correct: false,
        explanation: 'Name makes a retried CreateGrant idempotent; it does not change consistency.',
      },
      {
        id: 'iam',
        text: 'Also attach an IAM policy to the worker role that allows kms:Encrypt',
        correct: false,
        explanation: 'That is a different grant of access altogether (and needs the key policy to delegate to IAM). It does not fix the grant\'s delay.',
      },
    ],
  },
  {
    id: 'pg-cross-account',
    labId,
    type: 'multiple',
    topic,
    skill: 'cross-account',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'Cross-account use needs the key policy and an IAM policy' },
    prompt:
      'An application role in account 444455556666 must call Decrypt with a customer managed key in account 111122223333. The key policy trusts only account 111122223333 today. Both accounts require least privilege. Which changes are needed with the LEAST privilege? (Choose two.)',
    sources: [
      { label: 'Guide 000 — Key takeaways' },
      { label: 'AWS KMS Developer Guide — Allowing users in other accounts to use a KMS key', url: DOCS.crossAccount },
    ],
    options: [
      {
        id: 'key-policy',
        text: 'The key policy in 111122223333 allows account 444455556666 (or the role) to call kms:Decrypt',
        correct: true,
        explanation: 'The owning account must open the key to the other account in the key policy (or with a grant).',
      },
      {
        id: 'iam-policy',
        text: 'An IAM policy in 444455556666 allows the role kms:Decrypt on the key ARN',
        correct: true,
        explanation: 'The external account then delegates to its own principals through IAM. Both halves are needed.',
      },
      {
        id: 'alias',
        text: 'The application names the key by its alias name, alias/orders',
        correct: false,
        explanation: 'An alias name always means the caller\'s own account. Cross-account calls name the key by key ARN (or alias ARN).',
      },
      {
        id: 'replica',
        text: 'The key is replicated into account 444455556666 with ReplicateKey',
        correct: false,
        explanation: 'ReplicateKey copies a multi-Region key to another Region of the same account, not to another account.',
      },
      {
        id: 'principal-star',
        text: 'The key policy in 111122223333 allows kms:Decrypt to "Principal": "*"',
        correct: false,
        explanation: 'A wildcard principal without conditions opens the key to every AWS principal in every account: not needed, and the opposite of least privilege.',
      },
    ],
  },
  {
    id: 'pg-power-user-slip',
    labId,
    type: 'single',
    topic,
    skill: 'authorization',
    lastChecked: '2026-12-04',
    drills: { kind: 'guide-correction', label: 'AWSKeyManagementServicePowerUser does not allow Encrypt or Decrypt' },
    prompt:
      'Following a tutorial, you attach the AWS managed policy AWSKeyManagementServicePowerUser to a Lambda function\'s role and call kms.encrypt() with a customer managed key whose policy is the default one. What happens?',
    guideCorrection:
      'Guide 000 Part II step 02 attaches AWSKeyManagementServicePowerUser to the Lambda role. That policy allows key management reads and aliases (Create*, Describe*, Get*, List*, tags) but no Encrypt, Decrypt or GenerateDataKey, so the guide\'s function fails with AccessDeniedException. Attach a policy that allows exactly kms:Encrypt, kms:Decrypt and kms:GenerateDataKey on the key ARN.',
    sources: [
      { label: 'Guide 000 — Part II, step 02' },
      { label: 'AWS managed policy reference — AWSKeyManagementServicePowerUser', url: DOCS.powerUser },
    ],
    options: [
      {
        id: 'denied',
        text: 'AccessDeniedException: the managed policy has no kms:Encrypt',
        correct: true,
        explanation:
          'Its actions are CreateAlias, CreateKey, DeleteAlias, Describe*, GenerateRandom, Get*, List*, TagResource, UntagResource and three IAM list actions. The panel runs the guide\'s code as such a role and shows the error.',
      },
      {
        id: 'works',
        text: 'It works: a "power user" policy includes every KMS action except deleting keys',
        correct: false,
        explanation: 'The name misleads. The document has no cryptographic action at all.',
      },
      {
        id: 'key-policy',
        text: 'It fails because the default key policy does not delegate to IAM',
        correct: false,
        explanation: 'The default key policy does delegate to IAM ("Enable IAM User Permissions"); the IAM side is what lacks Encrypt.',
      },
      {
        id: 'context',
        text: 'It fails with InvalidCiphertextException because no encryption context was passed',
        correct: false,
        explanation: 'Encrypt needs no context, and InvalidCiphertextException is a Decrypt error. The call never gets past authorisation.',
      },
    ],
  },
  {
    id: 'pg-cross-account-bare-id',
    labId,
    type: 'single',
    topic,
    skill: 'cross-account',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'Cross-account calls name the key by key ARN or alias ARN' },
    prompt:
      "Account 111122223333's key policy allows account 444455556666 to use a key, and a role in 444455556666 has an IAM policy allowing kms:Encrypt on that key's ARN. The role's code calls Encrypt with KeyId set to the key's bare key ID and receives NotFoundException. Which change fixes the call?",
    sources: [
      { label: 'AWS KMS Developer Guide — Allowing users in other accounts to use a KMS key', url: DOCS.crossAccount },
      { label: 'Guide 000 — Key takeaways' },
    ],
    options: [
      { id: 'arn', text: "Pass the key ARN (or an alias ARN) as KeyId", correct: true, explanation: 'A bare key ID or alias name is looked up in the caller\'s own account; another account\'s key must be named by ARN.' },
      { id: 'grant', text: 'Add a grant for the role, since key policies cannot name other accounts', correct: false, explanation: 'Key policies can name other accounts; the permissions are already in place. The lookup, not the permission, failed.' },
      { id: 'alias-name', text: 'Create alias/shared in 444455556666 pointing at the key and pass it', correct: false, explanation: 'An alias cannot point at a key in another account.' },
      { id: 'region', text: "Call the key's Region endpoint in account 111122223333's console", correct: false, explanation: 'Endpoints are per Region, not per account; the Region is already right.' },
    ],
  },
  {
    id: 'pg-cross-account-role-named',
    labId,
    type: 'single',
    topic,
    skill: 'cross-account',
    lastChecked: '2026-12-04',
    drills: { kind: 'concept', label: 'Cross-account use needs the key policy and an IAM policy' },
    prompt:
      "A key policy in account 111122223333 names the role arn:aws:iam::444455556666:role/Reports directly and allows kms:Decrypt. The Reports role has no IAM policy that mentions KMS. A developer in 444455556666 calls Decrypt as that role. What happens?",
    sources: [{ label: 'AWS KMS Developer Guide — Allowing users in other accounts to use a KMS key', url: DOCS.crossAccount }],
    options: [
      { id: 'denied-iam', text: 'AccessDeniedException: no identity-based policy in 444455556666 allows it', correct: true, explanation: 'Across accounts both halves are needed, even when the key policy names the role itself.' },
      { id: 'allowed', text: 'It succeeds, because a key policy that names a principal needs no IAM policy', correct: false, explanation: 'That holds inside one account only. Another account\'s principal also needs its own account\'s IAM allow.' },
      { id: 'malformed', text: 'The key policy could never have been saved with another account\'s role', correct: false, explanation: 'Key policies may name principals of other accounts that exist.' },
      { id: 'not-found', text: 'NotFoundException, because the key is in another account', correct: false, explanation: 'Named by ARN, the key is found; the refusal is about permissions.' },
    ],
  },
]);
