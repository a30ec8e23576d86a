/**
 * One error explainer for every panel: an AWS error code (error.name on every backend, since the SDK
 * raises the same exception against the sandbox, moto and AWS) becomes a plain-language explanation,
 * what to try, and the exam trap or guide section it illustrates. Text is the project's own words.
 */

export interface ExamTrap {
  number: number;
  title: string;
}

/** The eight exam traps of the guide (seeds/002, "Developer Exam Traps"). */
export const EXAM_TRAPS: Record<number, ExamTrap> = {
  1: { number: 1, title: 'kms:Encrypt on large payloads: use envelope encryption' },
  2: { number: 2, title: 'Missing or mismatched encryption context on Decrypt' },
  3: { number: 3, title: 'IAM alone does not grant KMS access: the key policy decides' },
  4: { number: 4, title: 'Asymmetric (or imported) keys cannot rotate automatically' },
  5: { number: 5, title: 'The KMS request quota is shared across services' },
  6: { number: 6, title: "Lambda's encryption context for environment variables" },
  7: { number: 7, title: 'Cross-Region code without multi-Region keys' },
  8: { number: 8, title: 'SSE-C is not client-side encryption' },
};

export interface Explanation {
  code: string;
  /** One short line. */
  title: string;
  /** What happened, in plain words. */
  explanation: string;
  /** What to try next. */
  fix?: string;
  trap?: ExamTrap;
  /** Where the guide covers it. */
  guide?: string;
  /** AWS documentation page. */
  docs?: string;
  /** True when the code is not in the table. */
  generic?: boolean;
}

type Entry = Omit<Explanation, 'code' | 'trap' | 'generic'> & { trap?: number };

const KMS_API = 'https://docs.aws.amazon.com/kms/latest/APIReference';
const KMS_GUIDE = 'https://docs.aws.amazon.com/kms/latest/developerguide';

const AUTH_GUIDE = 'Guide Part I, steps 04–05 (key administrators and key users)';

/** Every code the sandbox's KMS, Cognito Identity, STS, CloudTrail and authentication can answer with, and more. */
export const EXPLANATIONS: Record<string, Entry> = {
  // --- KMS ---------------------------------------------------------------------------------------
  ValidationException: {
    title: 'The request broke one of the API’s rules',
    explanation:
      'KMS checked the parameters before doing anything and one of them is out of range or badly formed: a plaintext longer than 4,096 bytes or empty, a number outside its limits, a name with characters KMS does not allow.',
    fix: 'Read the message: it names the parameter and the rule.',
    guide: '002 “The Core AWS KMS Encryption APIs a Developer Calls”',
    docs: `${KMS_API}/CommonErrors.html`,
  },
  InvalidCiphertextException: {
    title: 'KMS could not authenticate this ciphertext',
    explanation:
      'The ciphertext was changed, or the encryption context given on Decrypt is not exactly the one used on Encrypt. The context is bound to the ciphertext as additional authenticated data: every key and value must match, case included, though the order of pairs does not matter. KMS cannot tell you which one is wrong, so the message says nothing.',
    fix: 'Decrypt with the same encryption context as the Encrypt call (check spelling and case), and make sure the ciphertext bytes are unchanged.',
    trap: 2,
    guide: '002 “Encryption Context — Additional Authenticated Data (AAD) Bound to Ciphertext”',
    docs: `${KMS_GUIDE}/encrypt_context.html`,
  },
  IncorrectKeyException: {
    title: 'The ciphertext belongs to another key',
    explanation:
      'Decrypt (or ReEncrypt) was given a KeyId, and the ciphertext was not made under that key. A symmetric ciphertext names its own key, so KeyId is optional, but when you pass it KMS insists it matches — a useful guard against decrypting with the key you did not mean.',
    fix: 'Pass the key the ciphertext was encrypted under, or omit KeyId for symmetric ciphertext.',
    guide: '002 “kms:Decrypt — Reversing Encrypt and Unwrapping Data Keys”',
    docs: `${KMS_API}/API_Decrypt.html`,
  },
  DisabledException: {
    title: 'The key is disabled',
    explanation:
      'A disabled key keeps its material and its ciphertexts, but KMS refuses every cryptographic operation with it until it is enabled again. Disabling is the reversible way to stop a key being used.',
    fix: 'Enable the key (EnableKey) and retry.',
    guide: 'Guide Part I (key states); 002 “AWS KMS Key Rotation”',
    docs: `${KMS_GUIDE}/enabling-keys.html`,
  },
  KMSInvalidStateException: {
    title: 'The key is in a state that does not allow this',
    explanation:
      'Each operation is allowed only in some key states. A key pending deletion cannot encrypt or decrypt, a key that is not pending deletion cannot have its deletion cancelled, and so on.',
    fix: 'Check the key state with DescribeKey. A key pending deletion can be rescued with CancelKeyDeletion (it comes back Disabled) before its deletion date.',
    docs: `${KMS_GUIDE}/key-state.html`,
  },
  NotFoundException: {
    title: 'No such key, alias or resource here',
    explanation:
      'KMS found nothing with that id, ARN or alias in this account and Region. Keys are regional: a key made in us-east-1 does not exist in us-west-2, and a deleted key is gone for good.',
    fix: 'Check the key id or alias and the Region the client is using.',
    trap: 7,
    docs: `${KMS_API}/CommonErrors.html`,
  },
  AlreadyExistsException: {
    title: 'That name is taken',
    explanation: 'An alias (or another named resource) with this name already exists in this account and Region. Alias names are unique per Region.',
    fix: 'Choose another alias name, or point the existing alias at the new key with UpdateAlias.',
    docs: `${KMS_API}/API_CreateAlias.html`,
  },
  UnsupportedOperationException: {
    title: 'This key cannot do that',
    explanation:
      'The operation does not apply to this kind of key. Automatic rotation, for instance, works only for symmetric encryption keys whose material KMS generated; asymmetric keys, HMAC keys and keys with imported material are rotated by hand: create a new key, move the alias, re-encrypt.',
    fix: 'For rotation: create a new key, point the alias at it, and re-wrap stored ciphertext with ReEncrypt.',
    guide: '002 “Manual Rotation for Asymmetric and Imported-Material Keys”',
    docs: `${KMS_GUIDE}/rotate-keys.html`,
  },
  InvalidKeyUsageException: {
    title: 'The key is not made for this operation',
    explanation:
      'Every key has one usage chosen at creation: ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC or KEY_AGREEMENT. A signing key cannot encrypt, an HMAC key cannot decrypt, and an asymmetric key cannot generate data keys.',
    fix: 'Use a key whose KeyUsage matches the operation (see DescribeKey).',
    docs: `${KMS_GUIDE}/key-types.html`,
  },
  AccessDeniedException: {
    title: 'Not authorized',
    explanation:
      'The policy evaluation said no. For KMS a call is allowed only when the key policy allows it — directly, or by delegating to IAM with the “Enable IAM User Permissions” statement — and nothing denies it. An IAM policy on its own is not enough. AWS managed keys have policies that let only their service use them, so nobody can delete, re-policy or stop rotating them. With Cognito’s enhanced flow, guests also get a session policy that forbids CreateKey and most key management.',
    fix: 'Read the message: it names the action, the resource and which kind of policy (identity-based, resource-based or session) is missing the Allow.',
    trap: 3,
    guide: AUTH_GUIDE,
    docs: `${KMS_GUIDE}/key-policies.html`,
  },
  MalformedPolicyDocumentException: {
    title: 'The key policy was refused',
    explanation:
      'The policy is not valid JSON or not a valid policy, or it would lock you out: KMS checks that the caller could still manage the key (the lockout safety check) unless you explicitly bypass it.',
    fix: 'Keep a statement that lets your principal (or the account through IAM) manage the key.',
    trap: 3,
    docs: `${KMS_GUIDE}/key-policy-default.html`,
  },
  LimitExceededException: {
    title: 'A quota was reached',
    explanation: 'A resource quota (keys, aliases, grants, tags per key…) is full. Resource quotas are separate from request-rate quotas.',
    fix: 'Delete what you no longer need, or ask for a quota increase.',
    docs: `${KMS_GUIDE}/limits.html`,
  },
  ThrottlingException: {
    title: 'Too many requests per second',
    explanation:
      'The request-rate quota is shared by everything in the account and Region that uses KMS: your code, and the services that call KMS for you (S3 with SSE-KMS, DynamoDB, Lambda…). A new busy workload elsewhere can throttle code that did not change.',
    fix: 'Retry with backoff; cut KMS calls with S3 Bucket Keys and data key caching; ask for a quota increase.',
    trap: 5,
    guide: '002 “AWS KMS Request Quotas — Shared Throttling Developers Must Plan For”',
    docs: `${KMS_GUIDE}/requests-per-second.html`,
  },
  TagException: {
    title: 'A tag was refused',
    explanation: 'A tag key or value breaks the rules: too long, a reserved aws: prefix, or too many tags on one key.',
    docs: `${KMS_API}/API_TagResource.html`,
  },
  InvalidArnException: {
    title: 'Not a valid ARN',
    explanation: 'A parameter that must be an ARN is not one, or names another service or account.',
    docs: `${KMS_API}/CommonErrors.html`,
  },
  InvalidAliasNameException: {
    title: 'Not a valid alias name',
    explanation: 'Alias names start with alias/, use letters, digits, / _ and -, and may not start with alias/aws/ (reserved for AWS managed keys).',
    docs: `${KMS_API}/API_CreateAlias.html`,
  },
  InvalidMarkerException: {
    title: 'The pagination marker is not valid',
    explanation: 'The Marker passed does not come from the previous page of this list.',
  },
  InvalidGrantTokenException: {
    title: 'The grant token is not valid',
    explanation: 'A grant token passed with the request is malformed or has expired.',
  },
  InvalidGrantIdException: {
    title: 'No such grant',
    explanation: 'The grant id does not name a grant on this key.',
  },
  KMSInvalidSignatureException: {
    title: 'The signature did not verify',
    explanation: 'Verify computed that the signature does not match this message with this key and algorithm: the message, the signature, the key or the algorithm differs from the Sign call.',
    docs: `${KMS_API}/API_Verify.html`,
  },
  KMSInvalidMacException: {
    title: 'The MAC did not verify',
    explanation: 'VerifyMac computed a different HMAC for this message with this key and algorithm.',
    docs: `${KMS_API}/API_VerifyMac.html`,
  },
  DryRunOperationException: {
    title: 'Dry run: the call would have succeeded',
    explanation: 'With DryRun set, KMS checks permissions and parameters and then stops with this exception instead of acting.',
  },
  KeyUnavailableException: {
    title: 'The key is temporarily unavailable',
    explanation: 'KMS could not reach the key material (it happens with custom key stores). Retry later.',
  },
  DependencyTimeoutException: {
    title: 'KMS timed out on a dependency',
    explanation: 'A system KMS depends on did not answer in time. This is a server-side fault; retrying usually works.',
  },
  KMSInternalException: {
    title: 'KMS had an internal error',
    explanation: 'Something failed inside KMS. Retry with backoff.',
  },
  IncorrectKeyMaterialException: {
    title: 'Imported material does not match',
    explanation: 'Key material imported into an existing key must be the same material it had before.',
  },
  ExpiredImportTokenException: {
    title: 'The import token expired',
    explanation: 'Import tokens from GetParametersForImport are valid for 24 hours.',
  },
  InvalidImportTokenException: { title: 'The import token does not belong to this key', explanation: 'Use the import token issued for this key.' },
  CustomKeyStoreNotFoundException: {
    title: 'No such custom key store',
    explanation: 'The custom key store id does not name a custom key store in this account and Region. The sandbox has none; keys live in KMS’s own key store.',
  },
  SerializationException: {
    title: 'The request body could not be read',
    explanation: 'The service could not parse the request: a member has the wrong type (a string where a number belongs, say) or the JSON is malformed. The SDK normally prevents this, so it points at a hand-made request.',
  },
  UnknownOperationException: {
    title: 'No such operation',
    explanation: 'The request named an operation (X-Amz-Target) that this service does not have.',
  },
  InvalidAction: { title: 'No such action', explanation: 'The Query request’s Action names an operation this service does not have.' },
  MissingAction: { title: 'No action given', explanation: 'A Query request (STS) must name its operation in the Action parameter.' },
  ValidationError: {
    title: 'The request broke one of the API’s rules',
    explanation: 'STS checked the parameters and one is out of range or badly formed: a session name with spaces, a duration outside 900 seconds to the role’s maximum, a malformed role ARN.',
    fix: 'Read the message: it names the parameter and the rule.',
  },
  AuthorizationHeaderMalformed: {
    title: 'The Authorization header is malformed',
    explanation: 'The SigV4 Authorization header names the wrong Region or service for this endpoint, or is not in the expected form.',
  },
  RequestEntityTooLargeException: {
    title: 'The request body is too large',
    explanation: 'The body is larger than the service reads for this API. KMS works on at most 4 KiB of data per call; larger data is encrypted locally with a data key (envelope encryption).',
    fix: 'Send less, or use GenerateDataKey and encrypt the data yourself.',
  },
  NotImplementedException: {
    title: 'The sandbox does not do this',
    explanation: 'AWS has this operation, but the lab’s embedded sandbox does not implement it. It says so instead of pretending to succeed.',
    fix: 'Try it on the aws or endpoint backend (settings page).',
  },

  // --- Authentication and signatures (JSON services, S3, STS) -------------------------------------
  UnrecognizedClientException: {
    title: 'Unknown access key',
    explanation: 'The access key id in the signature is not known to this service. The credentials are for another account or endpoint, or they were never valid.',
    fix: 'Check which credentials the client uses; on the sandbox, use a Cognito guest or test/test.',
  },
  InvalidClientTokenId: {
    title: 'Unknown access key',
    explanation: 'STS does not recognise the access key id (or session token) used to sign the request.',
  },
  InvalidAccessKeyId: {
    title: 'Unknown access key',
    explanation: 'S3 does not recognise the access key id used to sign the request.',
  },
  InvalidSignatureException: {
    title: 'The signature does not match',
    explanation:
      'The service recomputed the SigV4 signature and got a different one: the secret key is wrong, or the request changed after signing. It also covers a request whose clock is more than 5 minutes off the server’s.',
    fix: 'Check the secret access key and the computer’s clock.',
  },
  SignatureDoesNotMatch: {
    title: 'The signature does not match',
    explanation: 'The service recomputed the SigV4 signature and got a different one: the secret key is wrong, or the request changed after signing.',
  },
  IncompleteSignature: { title: 'The signature is incomplete', explanation: 'The Authorization header is missing a part SigV4 requires.' },
  IncompleteSignatureException: { title: 'The signature is incomplete', explanation: 'The Authorization header is missing a part SigV4 requires.' },
  RequestExpired: { title: 'The request expired', explanation: 'The request was signed too long ago (or the clock is off by more than 5 minutes).' },
  RequestTimeTooSkewed: {
    title: 'The clock is off',
    explanation: 'The request’s signing time is more than 15 minutes away from the server’s time (S3). Signing uses the real clock, not the sandbox’s simulated one.',
  },
  ExpiredTokenException: {
    title: 'The session credentials expired',
    explanation:
      'Temporary credentials (from STS or Cognito) last a limited time — one hour for the lab’s guests. The SDK refreshes them before they expire; this error means a request was signed with old ones.',
    fix: 'Retry: the connection layer fetches fresh credentials for the same Cognito identity.',
    guide: 'Reference: Cognito basic flow (GetId, GetOpenIdToken, AssumeRoleWithWebIdentity)',
  },
  ExpiredToken: {
    title: 'The session credentials expired',
    explanation: 'Temporary credentials last a limited time; this request was signed with expired ones.',
    fix: 'Retry: the connection layer fetches fresh credentials.',
  },
  MissingAuthenticationTokenException: {
    title: 'The request was not signed',
    explanation: 'The service needs a SigV4 signature and the request had none (no credentials were available to the SDK).',
  },
  MissingAuthenticationToken: {
    title: 'The request was not signed',
    explanation: 'The service needs a SigV4 signature and the request had none.',
  },
  AccessDenied: {
    title: 'Not authorized',
    explanation: 'A policy did not allow this call. For STS AssumeRoleWithWebIdentity it means the role’s trust policy does not accept this token (check the aud pool id and amr unauthenticated conditions).',
    trap: 3,
  },

  // --- Cognito Identity ---------------------------------------------------------------------------
  NotAuthorizedException: {
    title: 'Cognito refused this identity',
    explanation:
      'The identity pool does not allow it: guest (unauthenticated) access is off, or the basic flow is off, or the identity was disabled.',
    fix: 'The pool needs AllowUnauthenticatedIdentities and AllowClassicFlow for the lab’s guests.',
    docs: 'https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html',
  },
  ResourceNotFoundException: {
    title: 'No such identity pool or identity',
    explanation: 'The identity pool id (or identity id) does not exist in that Region. Pool ids start with their Region, like us-east-1:…',
    fix: 'Check the identity pool id on the settings page.',
  },
  InvalidParameterException: {
    title: 'Cognito refused a parameter',
    explanation:
      'A parameter is not valid for this pool. A common case: “Basic (classic) flow is not enabled” — the lab needs the basic flow, because the enhanced flow’s guest scope-down forbids CreateKey.',
  },
  InvalidIdentityPoolConfigurationException: {
    title: 'The identity pool has no usable role',
    explanation: 'The pool has no role for guests, or Cognito cannot assume it.',
  },
  ResourceConflictException: { title: 'Conflicting change', explanation: 'Another change to the same Cognito resource is in progress or conflicts with this one.' },
  TooManyRequestsException: { title: 'Too many Cognito requests', explanation: 'Cognito throttled the call (GetId allows 25 per second per account and Region).' },
  InternalErrorException: { title: 'Cognito had an internal error', explanation: 'Retry later.' },
  ExternalServiceException: { title: 'An identity provider failed', explanation: 'Cognito could not reach an external identity provider.' },
  ConcurrentModificationException: { title: 'Concurrent change', explanation: 'Another request changed the same resource at the same time.' },

  // --- STS ----------------------------------------------------------------------------------------
  InvalidIdentityToken: {
    title: 'STS refused the web identity token',
    explanation: 'The OpenID token is malformed, expired (Cognito’s tokens last 10 minutes) or not from a provider the role trusts.',
  },
  IDPRejectedClaim: { title: 'The identity provider rejected the claim', explanation: 'The token was not accepted for this role.' },
  IDPCommunicationError: { title: 'STS could not reach the identity provider', explanation: 'Retry later.' },
  MalformedPolicyDocument: { title: 'The session policy was refused', explanation: 'A session policy passed to STS is not valid.' },
  PackedPolicyTooLarge: { title: 'The session policy is too large', explanation: 'Session policies and tags together exceed STS’s packed size limit.' },
  RegionDisabledException: { title: 'STS is not enabled in this Region', explanation: 'The account has not activated STS in this Region.' },

  // --- CloudTrail LookupEvents --------------------------------------------------------------------
  InvalidLookupAttributesException: {
    title: 'Not a valid lookup attribute',
    explanation: 'LookupEvents accepts one lookup attribute at a time (EventName, ResourceName, Username, EventSource…).',
  },
  InvalidTimeRangeException: { title: 'Not a valid time range', explanation: 'StartTime must be before EndTime and within the last 90 days.' },
  InvalidNextTokenException: { title: 'The pagination token is not valid', explanation: 'Use the NextToken from the previous page of the same query.' },
  InvalidMaxResultsException: { title: 'MaxResults out of range', explanation: 'LookupEvents returns at most 50 events per page.' },
  InvalidEventCategoryException: { title: 'Not a valid event category', explanation: 'The only event category LookupEvents accepts is insight.' },
  OperationNotPermittedException: { title: 'Not permitted', explanation: 'CloudTrail does not allow this operation here.' },

  // --- S3 (the later S3 lab; listed so its errors are explained from day one) ---------------------
  NoSuchBucket: { title: 'No such bucket', explanation: 'The bucket does not exist (bucket names are global, but each bucket lives in one Region).' },
  NoSuchKey: { title: 'No such object', explanation: 'The bucket has no object under this key.' },
  InvalidRequest: {
    title: 'S3 refused the request',
    explanation: 'The combination of parameters is not allowed — for example SSE-C over plain HTTP, or SSE-KMS parameters without aws:kms encryption.',
    trap: 8,
  },
  InvalidArgument: { title: 'S3 refused a parameter', explanation: 'A header or parameter has a value S3 does not accept; the message names it.' },
  InvalidBucketName: { title: 'Not a valid bucket name', explanation: 'Bucket names are 3–63 characters of lower-case letters, digits, dots and hyphens, start and end with a letter or digit, and do not look like an IP address.' },
  BucketAlreadyExists: { title: 'Another account owns this bucket name', explanation: 'Bucket names are global across every AWS account: this one is taken by someone else. Pick another name, for example with your account id or a random suffix in it.' },
  BucketAlreadyOwnedByYou: { title: 'You already own this bucket', explanation: 'A bucket with this name already exists in your account. Outside us-east-1 creating it again is an error; in us-east-1 S3 answers success.' },
  BucketNotEmpty: { title: 'The bucket is not empty', explanation: 'S3 deletes only empty buckets: delete the objects (and abort any multipart uploads) first.' },
  IllegalLocationConstraintException: { title: 'Wrong Region for this bucket', explanation: 'The LocationConstraint does not match the Region the request was sent to. Outside us-east-1, CreateBucket needs the Region as its LocationConstraint.' },
  InvalidLocationConstraint: { title: 'Not a valid location constraint', explanation: 'The LocationConstraint must be the name of a Region.' },
  NoSuchBucketPolicy: { title: 'The bucket has no policy', explanation: 'No bucket policy is attached; only the identity-based policies of the caller decide access.' },
  NoSuchCORSConfiguration: { title: 'The bucket has no CORS rules', explanation: 'Without CORS rules a browser page on another origin cannot read this bucket’s answers.' },
  NoSuchUpload: { title: 'No such multipart upload', explanation: 'The upload id is unknown: it was completed, aborted, or never started for this key.' },
  MalformedXML: { title: 'S3 could not read the XML', explanation: 'The request body is not well-formed XML or does not follow the schema — for example a ServerSideEncryptionConfiguration with no rule or two.' },
  MalformedPolicy: { title: 'The bucket policy is not valid', explanation: 'A bucket policy must be JSON with statements that each name an Effect, a Principal, actions and resources inside this bucket.' },
  KeyTooLongError: { title: 'Object key too long', explanation: 'Object keys are at most 1,024 bytes of UTF-8.' },
  MetadataTooLarge: { title: 'Too much user metadata', explanation: 'User metadata (x-amz-meta-* names and values) is limited to 2 KB per object. It is stored in clear, not encrypted by SSE.' },
  BadDigest: { title: 'The body does not match its checksum', explanation: 'The Content-MD5 or x-amz-checksum-* value sent with the body is not what S3 computed: the data changed on the way, so nothing was stored.' },
  InvalidDigest: { title: 'The checksum is malformed', explanation: 'Content-MD5 must be the base64 of a 16-byte MD5 digest.' },
  IncompleteBody: { title: 'The body ended early', explanation: 'S3 received fewer bytes than the request announced, or an aws-chunked body was cut short.' },
  InvalidRange: { title: 'Range not satisfiable', explanation: 'The requested byte range starts beyond the end of the object.' },
  InvalidPart: { title: 'A part is missing or its ETag differs', explanation: 'CompleteMultipartUpload named a part that was not uploaded, or with an ETag that is not the one UploadPart returned.' },
  InvalidPartOrder: { title: 'Parts out of order', explanation: 'CompleteMultipartUpload lists parts in ascending part-number order.' },
  EntityTooLarge: { title: 'The upload is too large', explanation: 'One PutObject or UploadPart carries at most 5 GiB; a larger object goes up as a multipart upload (up to 10,000 parts, 5 TiB in all).' },
  EntityTooSmall: { title: 'A part is too small', explanation: 'Every part of a multipart upload except the last must be at least 5 MiB.' },
  InvalidEncryptionAlgorithmError: { title: 'Unsupported SSE-C algorithm', explanation: 'SSE-C accepts only AES256 as the customer algorithm.', trap: 8 },
  AuthorizationQueryParametersError: { title: 'The presigned URL is malformed', explanation: 'A presigned URL needs all its X-Amz-* parameters, and X-Amz-Expires may be at most 604,800 seconds (7 days).' },
  InvalidURI: { title: 'S3 could not parse the URL', explanation: 'The path of the request is not valid percent-encoding.' },
  MethodNotAllowed: { title: 'Method not allowed here', explanation: 'This HTTP method does not apply to this bucket or object.' },
  NotImplemented: { title: 'Not in the sandbox', explanation: 'S3 has this feature but the sandbox does not implement it. Use the aws or endpoint backend for it.' },
  InternalError: { title: 'S3 had an internal error', explanation: 'Something failed inside S3. Retry with backoff.' },

  // --- In the browser, before any response --------------------------------------------------------
  CredentialsProviderError: {
    title: 'No credentials',
    explanation: 'The SDK could not get credentials, so it could not sign the request.',
    fix: 'Check the settings page: identity pool id and role ARN, or static keys for an endpoint.',
  },
  NetworkError: {
    title: 'The request did not reach the service',
    explanation:
      'The browser could not complete the request: the endpoint is down, the URL is wrong, or the server does not allow this page’s origin (CORS). The browser hides the reason from the page.',
    fix: 'Check the endpoint URL and that the server allows cross-origin requests from this page.',
  },
  TimeoutError: { title: 'The request timed out', explanation: 'No answer came in time. Check the endpoint and retry.' },
  SandboxStorageException: {
    title: 'The sandbox could not save this call',
    explanation:
      'This is the sandbox, not AWS: the call ran, but the browser refused to store its result (storage full, the connection closed, or the lab was reset in another tab). The sandbox undid the call, so nothing changed.',
    fix: 'Read the message: free some space (or export the lab and reset it), or reload the page, then run the call again.',
  },
  SandboxEngineStopped: {
    title: 'The sandbox stopped answering',
    explanation:
      'This is the sandbox, not AWS: the worker that runs it in this browser stopped answering (the browser shut it down, or the tab that runs it is frozen or closing). Whether this call was done before it stopped cannot be known. The message below says what the lab did about it; the lab saved in this browser is kept.',
    fix: 'Look at what the call was to change (the key list, the bucket), then run it again if it is not there.',
  },
  SandboxStoreError: {
    title: 'The saved lab cannot be read',
    explanation: 'The sandbox keeps its state in this browser’s storage, and that storage is damaged or from an incompatible version.',
    fix: 'Reset the sandbox to start with an empty lab.',
  },
};

function errorName(error: unknown): string {
  if (typeof error === 'string') return error;
  const e = error as { name?: unknown; code?: unknown; Code?: unknown; message?: unknown };
  const name = typeof e?.name === 'string' ? e.name : typeof e?.code === 'string' ? e.code : typeof e?.Code === 'string' ? e.Code : 'Error';
  const message = typeof e?.message === 'string' ? e.message : '';
  // fetch failures arrive as TypeError("Failed to fetch") in Chromium.
  if (name === 'TypeError' && /fetch|network|load failed/i.test(message)) return 'NetworkError';
  if (name === 'Error' && /Credential is missing/i.test(message)) return 'CredentialsProviderError';
  return name;
}

export interface ExplainContext {
  /** The AWS operation that failed (Encrypt, EnableKeyRotation...), when known. */
  operation?: string;
  message?: string;
}

/** Explanations that depend on which operation failed. */
function specialise(code: string, base: Entry, ctx: ExplainContext): Entry {
  const op = ctx.operation;
  const msg = ctx.message ?? '';
  if (code === 'ValidationException' && (op === 'Encrypt' || /plaintext/i.test(msg))) {
    return {
      ...base,
      title: 'Too much data for kms:Encrypt',
      explanation:
        'kms:Encrypt takes at most 4,096 bytes of plaintext (and at least 1). It is meant for small secrets, not files. Anything larger is encrypted locally with a data key from GenerateDataKey — envelope encryption — and only the small data key goes to KMS.',
      fix: 'Call GenerateDataKey, encrypt the data locally with the plaintext data key (AES-256-GCM), store the encrypted data key beside the ciphertext, and discard the plaintext key.',
      trap: 1,
      guide: '002 “Envelope Encryption Pattern in SDK Code”',
      docs: `${KMS_API}/API_Encrypt.html`,
    };
  }
  if (code === 'UnsupportedOperationException' && (op === 'EnableKeyRotation' || op === 'RotateKeyOnDemand' || /rotat/i.test(msg))) {
    return { ...base, title: 'This key cannot rotate automatically', trap: 4 };
  }
  if (code === 'InvalidCiphertextException' && /lambda/i.test(msg)) return { ...base, trap: 6 };
  if (code === 'AccessDeniedException' && /session policy/i.test(msg)) {
    return {
      ...base,
      title: 'A session policy forbids this',
      explanation:
        'The credentials carry a session policy, and it does not allow this action. Cognito’s enhanced flow gives every guest such a scope-down, which allows only Encrypt, Decrypt, ReEncrypt and GenerateDataKey* for KMS — no CreateKey, no DescribeKey. That is why the lab uses the basic flow (GetId, GetOpenIdToken, AssumeRoleWithWebIdentity).',
      trap: undefined,
    };
  }
  if (code === 'KMSInvalidStateException' && /pending ?deletion/i.test(msg)) {
    return {
      ...base,
      title: 'The key is scheduled for deletion',
      explanation:
        'A key pending deletion cannot be used. It stays pending for the waiting period you chose (7 to 30 days) and can be rescued with CancelKeyDeletion until then; after that the key and everything encrypted under it is unrecoverable.',
    };
  }
  return base;
}

/** Turns any error (or code) into an explanation. Unknown codes get a generic one, never nothing. */
export function explainError(error: unknown, context: ExplainContext = {}): Explanation {
  const code = errorName(error);
  const message = context.message ?? (typeof (error as { message?: unknown })?.message === 'string' ? (error as { message: string }).message : '');
  const entry = EXPLANATIONS[code];
  if (!entry) {
    const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
    return {
      code,
      generic: true,
      title: status && status >= 500 ? 'The service failed' : 'The call failed',
      explanation:
        status && status >= 500
          ? `The service answered ${code} with HTTP ${status}: a fault on its side. Retrying later usually helps.`
          : `The service answered ${code}. The lab has no explanation for this code yet; the message below is AWS’s own.`,
    };
  }
  const { trap, ...rest } = specialise(code, entry, { ...context, message });
  return { code, ...rest, ...(trap ? { trap: EXAM_TRAPS[trap] } : {}) };
}
