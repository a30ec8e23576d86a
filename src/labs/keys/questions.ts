import { defineQuestions } from '../../study/schema';
import {
  KEY_ENCRYPTED,
  aliasWithoutPrefix,
  cancelDeletionLeavesState,
  defaultKeyPolicyStatements,
  encryptWithDisabledKey,
  fiveDayDeletionWindow,
  scheduleDeletionTwice,
} from './experiments';

const DOCS = {
  concepts: 'https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html',
  keyPolicies: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
  defaultPolicy: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html',
  deleting: 'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html',
  scheduleDeletion: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html',
  cancelDeletion: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html',
  keyState: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html',
  aliases: 'https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
  createAlias: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html',
  pricing: 'https://aws.amazon.com/kms/pricing/',
  crossAccount: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html',
  examDomain2: 'https://docs.aws.amazon.com/ja_jp/aws-certification/latest/userguide/developer-associate-02-domain2.html',
} as const;

const topic = 'KMS keys';

export const keysQuestions = defineQuestions([
  {
    id: 'keys-types-who-controls',
    labId: 'keys',
    type: 'single',
    topic,
    drills: { kind: 'concept', label: 'The three kinds of KMS key: AWS owned, AWS managed, customer managed' },
    prompt:
      'A team wants to choose the rotation period of the key protecting their data, write its key policy themselves, and let another account use it. Which kind of KMS key gives them all three?',
    sources: [{ label: 'Guide 000 — Concepts: KMS key types' }, { label: 'AWS KMS Developer Guide — AWS KMS concepts', url: DOCS.concepts }],
    options: [
      {
        id: 'aws-owned',
        text: 'An AWS owned key',
        correct: false,
        explanation:
          'AWS owned keys live in AWS service accounts, not yours. You cannot see them, change their policy or rotation, or share them; they back defaults such as SSE-S3.',
      },
      {
        id: 'aws-managed',
        text: 'An AWS managed key such as aws/s3',
        correct: false,
        explanation:
          'AWS managed keys sit in your account and you can see and audit them, but a service manages them for you: their policy, their yearly rotation and their lifetime are not yours to change, and other accounts cannot be given access.',
      },
      {
        id: 'customer-managed',
        text: 'A customer managed key',
        correct: true,
        explanation:
          'Only a customer managed key lets you write the key policy (including cross-account statements), enable rotation with your own period, rotate on demand, disable it and schedule its deletion. It costs a monthly fee plus requests.',
      },
      {
        id: 'data-key',
        text: 'A data key from GenerateDataKey',
        correct: false,
        explanation:
          'A data key is not a KMS key at all: it is a key KMS hands to your code for local encryption. KMS does not store it, so it has no policy and no rotation.',
      },
    ],
  },
  {
    id: 'keys-aws-managed-facts',
    labId: 'keys',
    type: 'multiple',
    topic,
    drills: { kind: 'concept', label: 'What you can and cannot do with an AWS managed key (aws/s3, aws/lambda)' },
    prompt: 'Which statements about an AWS managed key such as aws/s3 are true? Choose three.',
    sources: [
      { label: 'Guide 000 — Concepts: KMS key types' },
      { label: 'AWS KMS Developer Guide — AWS KMS concepts', url: DOCS.concepts },
      { label: 'AWS KMS pricing', url: DOCS.pricing },
    ],
    options: [
      {
        id: 'in-your-account',
        text: 'It appears in your account, and its use shows up in your CloudTrail.',
        correct: true,
        explanation: 'AWS managed keys are created in your account the first time a service needs one, so you can describe them and audit every use.',
      },
      {
        id: 'cannot-change-policy',
        text: 'You cannot edit its key policy or schedule it for deletion.',
        correct: true,
        explanation: 'The service owns its policy and lifetime. Attempts to change them are refused with AccessDeniedException.',
      },
      {
        id: 'no-monthly-fee',
        text: 'There is no monthly fee for holding it; you pay for requests made with it.',
        correct: true,
        explanation: 'The monthly key fee applies to customer managed keys. Requests that use an AWS managed key are billed like other KMS requests.',
      },
      {
        id: 'turn-off-rotation',
        text: 'You can turn its yearly rotation off if it causes problems.',
        correct: false,
        explanation: 'AWS managed keys always rotate every year; neither enabling nor disabling their rotation is up to you.',
      },
      {
        id: 'share-cross-account',
        text: 'You can add another account to it so that account can decrypt your S3 objects.',
        correct: false,
        explanation: 'Cross-account use needs a key policy you control, which means a customer managed key.',
      },
    ],
  },
  {
    id: 'keys-deletion-window-numbers',
    labId: 'keys',
    type: 'single',
    topic,
    drills: { kind: 'key-number', label: 'Deletion window: anything from 7 to 30 days; 30 when unset' },
    prompt: 'You call ScheduleKeyDeletion without PendingWindowInDays. How long is the waiting period, and what range could you have asked for?',
    sources: [
      { label: 'Guide 002 — Key numbers; Guide 000 — Clean up protocol' },
      { label: 'AWS KMS API Reference — ScheduleKeyDeletion', url: DOCS.scheduleDeletion },
    ],
    options: [
      {
        id: 'default-30-range-7-30',
        text: '30 days by default; anything from 7 to 30 days',
        correct: true,
        explanation: 'KMS never deletes a key at once. The window defaults to 30 days and can be shortened to no less than 7; during it the key is unusable and the deletion can be cancelled.',
      },
      {
        id: 'default-7-range-7-30',
        text: '7 days by default; anything from 7 to 30 days',
        correct: false,
        explanation: 'Seven days is the minimum you can ask for (the guide\'s clean-up uses it to stop charges quickly), not the default.',
      },
      {
        id: 'immediate',
        text: 'No waiting period by default; 0 to 30 days',
        correct: false,
        explanation: 'There is no immediate deletion of a KMS key: deleting it destroys every ciphertext made with it, so KMS enforces at least 7 days to change your mind.',
      },
      {
        id: 'default-30-range-1-365',
        text: '30 days by default; anything from 1 to 365 days',
        correct: false,
        explanation: 'The API model allows 1–365 in the parameter type, but the service accepts only 7–30 and answers anything else with ValidationException.',
      },
    ],
  },
  {
    id: 'keys-predict-cancel-deletion-state',
    labId: 'keys',
    type: 'predict',
    topic,
    drills: { kind: 'concept', label: 'CancelKeyDeletion returns the key to Disabled, not Enabled' },
    prompt: 'A key is scheduled for deletion, and you cancel the deletion with CancelKeyDeletion. What state is the key in afterwards?',
    experimentSummary:
      'Creates a symmetric key, schedules its deletion (7 days), cancels the deletion, and reads KeyState with DescribeKey. The key is scheduled for deletion again at the end.',
    sources: [
      { label: 'AWS KMS API Reference — CancelKeyDeletion', url: DOCS.cancelDeletion },
      { label: 'AWS KMS Developer Guide — Key states', url: DOCS.keyState },
    ],
    expected: 'disabled',
    experiment: cancelDeletionLeavesState,
    options: [
      {
        id: 'enabled',
        text: 'Enabled: it is back to how it was',
        outcome: { kind: 'success', value: 'Enabled' },
        explanation: 'A common assumption (and a bug in some emulators). KMS deliberately does not re-enable the key: you must call EnableKey yourself.',
      },
      {
        id: 'disabled',
        text: 'Disabled: usable again only after EnableKey',
        outcome: { kind: 'success', value: 'Disabled' },
        explanation:
          'Cancelling leaves the key Disabled, so nothing starts using it again by accident. This is the documented behaviour: re-enable it deliberately once you know it is still needed.',
      },
      {
        id: 'pending',
        text: 'PendingDeletion: cancelling only takes effect at the end of the window',
        outcome: { kind: 'success', value: 'PendingDeletion' },
        explanation: 'Cancellation is immediate; the DeletionDate disappears at once.',
      },
      {
        id: 'refused',
        text: 'The cancel call fails with KMSInvalidStateException',
        outcome: { kind: 'error', name: 'KMSInvalidStateException' },
        explanation: 'That error is what you get when the key is not pending deletion. Here it is, so the cancel succeeds.',
      },
    ],
  },
  {
    id: 'keys-predict-five-day-window',
    labId: 'keys',
    type: 'predict',
    topic,
    drills: { kind: 'key-number', label: 'The 7-day minimum deletion window' },
    prompt: 'To clean up quickly, a script calls ScheduleKeyDeletion with PendingWindowInDays set to 5. What happens?',
    experimentSummary: 'Creates a symmetric key and calls ScheduleKeyDeletion on it with PendingWindowInDays = 5. The key is then scheduled for deletion with 7 days.',
    sources: [
      { label: 'AWS KMS API Reference — ScheduleKeyDeletion', url: DOCS.scheduleDeletion },
      { label: 'Guide 000 — Clean up protocol (7-day minimum)' },
    ],
    expected: 'validation',
    experiment: fiveDayDeletionWindow,
    options: [
      {
        id: 'scheduled',
        text: 'The key is scheduled for deletion in 5 days',
        outcome: { kind: 'success', value: 'PendingDeletion' },
        explanation: 'Five days is below the minimum, so KMS does not schedule anything.',
      },
      {
        id: 'validation',
        text: 'The call is rejected as invalid input',
        outcome: { kind: 'error', name: 'ValidationException' },
        explanation: 'KMS answers ValidationException ("PendingWindowInDays must be between 7 and 30"). The key stays as it was.',
      },
      {
        id: 'clamped',
        text: 'KMS silently uses 7 days instead',
        outcome: { kind: 'success', value: 'PendingDeletion (7 days)' },
        explanation: 'KMS does not adjust out-of-range values for you; it refuses them.',
      },
      {
        id: 'state',
        text: 'It fails because an enabled key must be disabled first',
        outcome: { kind: 'error', name: 'KMSInvalidStateException' },
        explanation: 'Enabled and disabled keys can both be scheduled for deletion; no disabling step is needed.',
      },
      {
        id: 'denied',
        text: 'It is refused as not permitted',
        outcome: { kind: 'error', name: 'AccessDeniedException' },
        explanation:
          'Not for an administrator: KMS itself rejects the value. (An IAM policy can also cap the window with the kms:ScheduleKeyDeletionPendingWindowInDays condition key, as the lab\'s guest policy does for 7–30 days; a caller under such a policy may be refused before KMS looks at the value.)',
      },
    ],
  },
  {
    id: 'keys-predict-schedule-twice',
    labId: 'keys',
    type: 'predict',
    topic,
    drills: { kind: 'concept', label: 'Key states: a key pending deletion cannot be scheduled again' },
    prompt: 'A clean-up script runs twice. The second run calls ScheduleKeyDeletion on a key that is already pending deletion. What happens?',
    experimentSummary: 'Creates a symmetric key, schedules its deletion (7 days), then calls ScheduleKeyDeletion on it again.',
    sources: [
      { label: 'AWS KMS Developer Guide — Key states', url: DOCS.keyState },
      { label: 'AWS KMS API Reference — ScheduleKeyDeletion', url: DOCS.scheduleDeletion },
    ],
    expected: 'invalid-state',
    experiment: scheduleDeletionTwice,
    options: [
      {
        id: 'idempotent',
        text: 'It succeeds and changes nothing',
        outcome: { kind: 'success', value: 'PendingDeletion' },
        explanation: 'ScheduleKeyDeletion is not idempotent: KMS checks the key state first.',
      },
      {
        id: 'invalid-state',
        text: 'It fails because of the key\'s state',
        outcome: { kind: 'error', name: 'KMSInvalidStateException' },
        explanation: 'KMS answers KMSInvalidStateException ("… is pending deletion."). Scripts that clean up should treat this error as "already done".',
      },
      {
        id: 'not-found',
        text: 'It fails because a key pending deletion can no longer be found',
        outcome: { kind: 'error', name: 'NotFoundException' },
        explanation: 'The key still exists (and DescribeKey still works) until the waiting period ends.',
      },
      {
        id: 'access',
        text: 'It fails with AccessDeniedException',
        outcome: { kind: 'error', name: 'AccessDeniedException' },
        explanation: 'Permissions did not change between the two calls; the key state did.',
      },
    ],
  },
  {
    id: 'keys-predict-disabled-encrypt',
    labId: 'keys',
    type: 'predict',
    topic,
    drills: { kind: 'concept', label: 'Disabled keys refuse cryptographic operations' },
    prompt: 'You disable a customer managed key and then call Encrypt with it. What does KMS answer?',
    experimentSummary: 'Creates a symmetric key, disables it, then calls Encrypt with it on five bytes.',
    sources: [{ label: 'AWS KMS Developer Guide — Key states', url: DOCS.keyState }],
    expected: 'disabled',
    experiment: encryptWithDisabledKey,
    options: [
      {
        id: 'works',
        text: 'It encrypts: disabling only stops decryption',
        outcome: { kind: 'success', value: KEY_ENCRYPTED },
        explanation: 'Disabling blocks every cryptographic use of the key, encryption included.',
      },
      {
        id: 'disabled',
        text: 'It fails with DisabledException',
        outcome: { kind: 'error', name: 'DisabledException' },
        explanation: 'Right: a disabled key answers DisabledException for Encrypt, Decrypt, GenerateDataKey and the rest until EnableKey is called. Disabling is reversible; deleting is not.',
      },
      {
        id: 'invalid-state',
        text: 'It fails with KMSInvalidStateException',
        outcome: { kind: 'error', name: 'KMSInvalidStateException' },
        explanation: 'KMS uses that error for a key pending deletion or pending import. For a disabled key it has a dedicated one.',
      },
      {
        id: 'not-found',
        text: 'It fails with NotFoundException',
        outcome: { kind: 'error', name: 'NotFoundException' },
        explanation: 'A disabled key is still found; it simply refuses to be used.',
      },
    ],
  },
  {
    id: 'keys-disable-or-delete',
    labId: 'keys',
    type: 'single',
    topic,
    drills: { kind: 'scenario', label: 'Retiring a key you might still need' },
    prompt:
      'A key protected last year\'s archive. Nobody expects to read the archive again, but an auditor might ask for it. What should the team do with the key?',
    sources: [{ label: 'AWS KMS Developer Guide — Deleting AWS KMS keys', url: DOCS.deleting }],
    options: [
      {
        id: 'disable',
        text: 'Disable it, and re-enable it if the archive is ever needed',
        correct: true,
        explanation: 'Disabling stops all use but keeps the key material, so the archive stays recoverable. AWS recommends disabling over deleting when in doubt.',
      },
      {
        id: 'delete-7',
        text: 'Schedule deletion with a 7-day window; the ciphertext stays readable afterwards',
        correct: false,
        explanation: 'Once the window ends, the key material is gone and every ciphertext made with it becomes permanently unreadable.',
      },
      {
        id: 'remove-alias',
        text: 'Delete its alias; that retires the key',
        correct: false,
        explanation: 'Deleting an alias leaves the key itself untouched and usable by its ID or ARN.',
      },
      {
        id: 'export',
        text: 'Export the key material to S3, then delete the key',
        correct: false,
        explanation: 'KMS never lets key material of a KMS-generated key leave the service, so there is nothing to export.',
      },
    ],
  },
  {
    id: 'keys-default-policy-meaning',
    labId: 'keys',
    type: 'single',
    topic,
    drills: { kind: 'trap', label: 'Trap 3: IAM alone does not grant KMS access — the key policy must let IAM policies apply' },
    prompt:
      'A key was created with a custom key policy that names only the key administrators. A developer\'s IAM policy allows kms:Decrypt on that key, yet Decrypt fails with AccessDeniedException. Why?',
    sources: [
      { label: 'Guide 002 — Exam traps, trap 3' },
      { label: 'AWS KMS Developer Guide — Key policies', url: DOCS.keyPolicies },
      { label: 'AWS KMS Developer Guide — Default key policy', url: DOCS.defaultPolicy },
    ],
    options: [
      {
        id: 'no-root-statement',
        text: 'The key policy lacks the statement that gives the account (and so its IAM policies) access',
        correct: true,
        explanation:
          'Key policies are the primary control. IAM policies count only if the key policy allows the account principal (arn:aws:iam::<account>:root), as the default "Enable IAM User Permissions" statement does. Without it, IAM allows are ignored.',
      },
      {
        id: 'iam-propagation',
        text: 'IAM changes take 24 hours to reach KMS',
        correct: false,
        explanation: 'IAM is eventually consistent within seconds to minutes, not a day, and waiting would not help here.',
      },
      {
        id: 'needs-grant',
        text: 'Decrypt always needs a grant in addition to a policy',
        correct: false,
        explanation: 'Grants are one optional way to delegate access; a key policy (alone or with IAM) is enough.',
      },
      {
        id: 'wrong-region',
        text: 'IAM policies do not apply to KMS in any Region except us-east-1',
        correct: false,
        explanation: 'IAM is global and applies in every Region; the key policy is the missing piece.',
      },
    ],
  },
  {
    id: 'keys-predict-default-policy',
    labId: 'keys',
    type: 'predict',
    topic,
    drills: { kind: 'key-number', label: 'The default key policy: one statement, "Enable IAM User Permissions"' },
    prompt: 'You create a key through the API without passing a Policy. Which statements does GetKeyPolicy show?',
    experimentSummary: 'Creates a symmetric key with no Policy parameter and lists the Sid of every statement in its key policy.',
    sources: [{ label: 'AWS KMS Developer Guide — Default key policy', url: DOCS.defaultPolicy }],
    expected: 'root-only',
    experiment: defaultKeyPolicyStatements,
    options: [
      {
        id: 'root-only',
        text: 'One statement that gives the account root kms:* (Enable IAM User Permissions)',
        outcome: { kind: 'success', value: 'Enable IAM User Permissions' },
        explanation:
          'The API default is a single statement allowing the account principal all KMS actions, which in practice hands authorisation to IAM policies in that account.',
      },
      {
        id: 'console-three',
        text: 'The root statement plus "Allow access for Key Administrators" and "Allow use of the key"',
        outcome: { kind: 'success', value: 'Enable IAM User Permissions + Allow access for Key Administrators + Allow use of the key' },
        explanation:
          'Those extra statements are what the console adds when you pick key administrators and key users. The API adds nothing you did not ask for.',
      },
      {
        id: 'empty',
        text: 'No statements: nobody can use the key until you add a policy',
        outcome: { kind: 'success', value: '(no statements)' },
        explanation: 'KMS never creates a key nobody can manage; the lockout safety check exists to prevent exactly that.',
      },
      {
        id: 'no-policy',
        text: 'GetKeyPolicy fails because the key has no policy',
        outcome: { kind: 'error', name: 'NotFoundException' },
        explanation: 'Every KMS key has exactly one key policy, named "default".',
      },
    ],
  },
  {
    id: 'keys-admins-vs-users',
    labId: 'keys',
    type: 'single',
    topic,
    drills: { kind: 'guide-correction', label: 'Guide 000, Part I steps 04–05: key administrators versus key users' },
    prompt:
      'In the console\'s Create key wizard you pick your IAM user as a key administrator (step 4) but nobody as a key user (step 5). Ignoring the root statement, what can that user do with the key through the key policy?',
    sources: [
      { label: 'Guide 000 — Part I, steps 04–05' },
      { label: 'AWS KMS Developer Guide — Default key policy', url: DOCS.defaultPolicy },
    ],
    guideCorrection:
      'Guide 000 labels step 05 "Key administrators" a second time. That step defines key users — the principals allowed to encrypt, decrypt and generate data keys — which is a different statement in the key policy.',
    options: [
      {
        id: 'manage-not-use',
        text: 'Manage the key (describe, disable, tag, schedule deletion) but not encrypt or decrypt with it',
        correct: true,
        explanation:
          'The administrators statement covers management actions (Create*, Describe*, Enable*, Disable*, Put*, ScheduleKeyDeletion…) but no cryptographic ones. Using the key is the key users\' statement.',
      },
      {
        id: 'everything',
        text: 'Everything, because administrators are a superset of users',
        correct: false,
        explanation: 'The separation is deliberate: people who manage a key need not be able to read the data it protects.',
      },
      {
        id: 'nothing',
        text: 'Nothing until a key user is added',
        correct: false,
        explanation: 'Administrators can manage the key straight away; only cryptographic use is missing.',
      },
      {
        id: 'decrypt-only',
        text: 'Decrypt but not encrypt',
        correct: false,
        explanation: 'Neither encryption nor decryption is in the administrators statement.',
      },
    ],
  },
  {
    id: 'keys-alias-rules',
    labId: 'keys',
    type: 'multiple',
    topic,
    drills: { kind: 'key-number', label: 'Alias rules' },
    prompt: 'Which statements about KMS aliases are true? Choose three.',
    sources: [
      { label: 'AWS KMS Developer Guide — Aliases', url: DOCS.aliases },
      { label: 'AWS KMS API Reference — CreateAlias', url: DOCS.createAlias },
    ],
    options: [
      {
        id: 'prefix',
        text: 'An alias name must begin with alias/, and names under alias/aws/ are reserved for AWS',
        correct: true,
        explanation: 'alias/aws/s3, alias/aws/lambda and the like belong to AWS managed keys; you cannot create names in that space.',
      },
      {
        id: 'one-target',
        text: 'An alias points to exactly one key at a time, but a key can have several aliases',
        correct: true,
        explanation: 'That is what makes manual rotation work: UpdateAlias moves the name to a new key without touching the applications that use it.',
      },
      {
        id: 'regional',
        text: 'Aliases are regional: the same alias name can point to different keys in different Regions',
        correct: true,
        explanation: 'Like keys, aliases belong to one account and one Region.',
      },
      {
        id: 'case-insensitive',
        text: 'Alias names are case-insensitive, so alias/App and alias/app are the same alias',
        correct: false,
        explanation: 'Alias names are case-sensitive; those would be two different aliases.',
      },
      {
        id: 'everywhere',
        text: 'Any KMS operation that takes a KeyId accepts an alias',
        correct: false,
        explanation:
          'Cryptographic operations and DescribeKey accept aliases; many management operations (CreateGrant, ScheduleKeyDeletion, EnableKeyRotation…) need the key ID or ARN.',
      },
    ],
  },
  {
    id: 'keys-predict-alias-prefix',
    labId: 'keys',
    type: 'predict',
    topic,
    drills: { kind: 'key-number', label: 'Alias names must begin with alias/' },
    prompt: 'A script calls CreateAlias with AliasName "app-encryption-key" (no prefix). What happens?',
    experimentSummary: 'Creates a symmetric key, then calls CreateAlias with a name that lacks the alias/ prefix.',
    sources: [{ label: 'AWS KMS API Reference — CreateAlias', url: DOCS.createAlias }],
    expected: 'validation',
    experiment: aliasWithoutPrefix,
    options: [
      {
        id: 'added',
        text: 'KMS adds the prefix and creates alias/app-encryption-key',
        outcome: { kind: 'success', value: 'alias created' },
        explanation: 'The console shows names without the prefix, but the API takes the full name and adds nothing.',
      },
      {
        id: 'validation',
        text: 'The call fails validation',
        outcome: { kind: 'error', name: 'ValidationException' },
        explanation: 'KMS answers ValidationException: the alias must start with the prefix "alias/".',
      },
      {
        id: 'exists',
        text: 'It fails with AlreadyExistsException',
        outcome: { kind: 'error', name: 'AlreadyExistsException' },
        explanation: 'That is for a name already in use in this account and Region, not for a badly formed one.',
      },
      {
        id: 'not-found',
        text: 'It fails with NotFoundException',
        outcome: { kind: 'error', name: 'NotFoundException' },
        explanation: 'The target key exists; the problem is the alias name.',
      },
    ],
  },
  {
    id: 'keys-cross-account',
    labId: 'keys',
    type: 'single',
    topic,
    drills: { kind: 'concept', label: 'Cross-account use needs the key policy and an IAM policy' },
    prompt: 'A role in account B must decrypt with a customer managed key in account A. What has to be in place?',
    sources: [
      { label: 'Guide 000 — Key takeaways' },
      { label: 'AWS KMS Developer Guide — Allowing users in other accounts to use a KMS key', url: DOCS.crossAccount },
    ],
    options: [
      {
        id: 'both',
        text: 'Account A\'s key policy allows account B (or the role), and an IAM policy in account B allows the role to use the key',
        correct: true,
        explanation: 'Both sides must agree: the key owner opens the key policy to the other account, and that account delegates the permission to its role through IAM.',
      },
      {
        id: 'key-policy-only',
        text: 'Only account A\'s key policy naming the role',
        correct: false,
        explanation: 'For another account, the key policy alone is not enough; account B must still grant the permission to its principal with an IAM policy.',
      },
      {
        id: 'iam-only',
        text: 'Only an IAM policy in account B naming the key ARN',
        correct: false,
        explanation: 'An IAM policy cannot reach into another account\'s key unless that key\'s policy allows it.',
      },
      {
        id: 'aws-managed',
        text: 'Use account A\'s AWS managed key instead; it is shared automatically',
        correct: false,
        explanation: 'AWS managed keys cannot be used across accounts at all, because you cannot edit their key policy.',
      },
    ],
  },
  {
    id: 'keys-exam-domain',
    labId: 'keys',
    type: 'single',
    topic: 'The DVA-C02 exam',
    drills: { kind: 'guide-correction', label: 'Where KMS sits in the DVA-C02 exam guide' },
    prompt: 'In the official DVA-C02 exam guide, where does "Implement encryption by using AWS services" sit?',
    sources: [{ label: 'AWS Certification — DVA-C02 Domain 2', url: DOCS.examDomain2 }, { label: 'Guide 002 — introduction' }],
    guideCorrection:
      'Guide 002 calls the KMS material "Domain 2 (Development with AWS Services)". In DVA-C02, Domain 1 is Development with AWS Services (32%) and Domain 2 is Security (26%); encryption is Task 2 of Domain 2.',
    options: [
      {
        id: 'security-task-2',
        text: 'Domain 2, Security (26%), Task 2',
        correct: true,
        explanation: 'Security is Domain 2 and encryption is its second task, next to authentication/authorisation (Task 1) and sensitive data in code (Task 3).',
      },
      {
        id: 'development',
        text: 'Domain 2, Development with AWS Services (32%)',
        correct: false,
        explanation: 'Development with AWS Services is Domain 1 in DVA-C02; mixing the two up comes from the retired DVA-C01 outline and some study pages.',
      },
      {
        id: 'deployment',
        text: 'Domain 3, Deployment (24%)',
        correct: false,
        explanation: 'Deployment is Domain 3, but encryption is a Security task.',
      },
      {
        id: 'troubleshooting',
        text: 'Domain 4, Troubleshooting and Optimization (18%)',
        correct: false,
        explanation: 'KMS throttling can show up there, but the encryption task itself belongs to Security.',
      },
    ],
  },
]);
