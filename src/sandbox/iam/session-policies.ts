import type { PolicyDocument } from '../shared/principal';

/**
 * The guest scope-down Cognito adds to enhanced-flow (GetCredentialsForIdentity) sessions of
 * unauthenticated identities (s3-cognito-behavior.md §5.4). Effective permissions are the role's
 * policy intersected with the session policies (an action passes when either document allows it),
 * so KMS is limited to the cryptographic calls below and CreateKey, DescribeKey, tagging, aliases,
 * deletion and rotation are out of reach.
 */

/**
 * The inline session policy (Cognito developer guide, "IAM roles", June 2023 snapshot). Its KMS
 * entries are Encrypt, Decrypt, ReEncrypt and GenerateDataKey; "kms:ReEncrypt" names no real
 * action (the real ones are ReEncryptFrom / ReEncryptTo), so it matches nothing, as on AWS.
 * Sandbox differs: the non-KMS services are listed by service only (the sandbox has none of them).
 */
export const COGNITO_UNAUTHED_INLINE_SESSION_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'cognito-identity:*',
        'cognito-idp:*',
        'cognito-sync:*',
        's3:*',
        'dynamodb:*',
        'lambda:InvokeFunction',
        'sqs:*',
        'sns:*',
        'kinesis:*',
        'firehose:*',
        'mobileanalytics:PutEvents',
        'mobiletargeting:*',
        'iot:*',
        'lex:*',
        'polly:*',
        'rekognition:*',
        'translate:*',
        'comprehend:*',
        'transcribe:*',
        'sagemaker:InvokeEndpoint',
        'geo:*',
        'rum:PutRumEvents',
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncrypt',
        'kms:GenerateDataKey',
      ],
      Resource: '*',
    },
  ],
};

export const COGNITO_UNAUTHED_MANAGED_POLICY_ARN = 'arn:aws:iam::aws:policy/AmazonCognitoUnAuthedIdentitiesSessionPolicy';

/**
 * AmazonCognitoUnAuthedIdentitiesSessionPolicy, v3 (2024-11-01), as the AWS managed policy
 * reference lists it. Its KMS part is complete; it lists no S3.
 */
export const COGNITO_UNAUTHED_MANAGED_SESSION_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'CognitoUnAuthedIdentitiesSessionPolicy',
      Effect: 'Allow',
      Action: [
        'rum:PutRumEvents',
        'sagemaker:InvokeEndpoint',
        'polly:*',
        'comprehend:*',
        'translate:*',
        'transcribe:*',
        'rekognition:*',
        'mobiletargeting:*',
        'firehose:*',
        'personalize:*',
        'geo:GetMap*',
        'geo:SearchPlaceIndex*',
        'geo:GetPlace',
        'geo:CalculateRoute*',
        'geo:*Geofence',
        'geo:*Geofences',
        'geo:*DevicePosition*',
        'kms:Encrypt',
        'kms:Decrypt',
        'kms:ReEncryptTo',
        'kms:ReEncryptFrom',
        'kms:GenerateDataKey',
        'kms:GenerateDataKeyPair',
        'kms:GenerateDataKeyPairWithoutPlaintext',
        'kms:GenerateDataKeyWithoutPlaintext',
      ],
      Resource: '*',
    },
  ],
};

/** Managed policies STS accepts in PolicyArns (the sandbox knows only this one). */
export const MANAGED_SESSION_POLICIES: Record<string, PolicyDocument> = {
  [COGNITO_UNAUTHED_MANAGED_POLICY_ARN]: COGNITO_UNAUTHED_MANAGED_SESSION_POLICY,
};

export const COGNITO_UNAUTHED_SESSION_POLICIES: PolicyDocument[] = [
  COGNITO_UNAUTHED_INLINE_SESSION_POLICY,
  COGNITO_UNAUTHED_MANAGED_SESSION_POLICY,
];
