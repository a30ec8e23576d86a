/** A CloudTrail record as the sandbox stores it (auth-and-trail.md). Never holds plaintext, key material or secrets. */
export interface TrailEvent {
  eventVersion: string; // '1.08'
  userIdentity: Record<string, unknown>;
  eventTime: string; // ISO-8601, simulated clock
  eventSource: string; // kms.amazonaws.com
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  errorCode?: string;
  errorMessage?: string;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  resources?: { ARN: string; accountId: string; type?: string }[];
  eventType: string; // AwsApiCall, or AwsServiceEvent for what a service does on its own (KMS RotateKey, DeleteKey)
  /** AwsServiceEvent records: what happened (KMS RotateKey: rotationType, keyId, previous/current material ids). */
  serviceEventDetails?: Record<string, unknown>;
  managementEvent: boolean;
  recipientAccountId: string;
  eventCategory: string; // Management
}
