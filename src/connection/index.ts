// The connection layer's public surface (panels use useConnection and explainError).
export { ConnectionProvider, useConnection, useConnectionControls, type ConnectionControls, type SandboxProblem } from './connection-provider';
export { explainError, EXAM_TRAPS, type Explanation, type ExamTrap } from './explainer';
export { inspector, type InspectorEntry, type InspectorStore } from './inspector-store';
export { isMaskNote, isBytesValue, type BytesValue } from './inspector-mask';
export type { BackendSettings, StaticCredentials } from './settings';
export { backendLabel, guestPoolOf, labBucketOf, SANDBOX_LAB_BUCKET, DEFAULT_SETTINGS, SANDBOX_IDENTITY_POOL_ID, SANDBOX_GUEST_ROLE_ARN } from './settings';
export type { BackendKind, ConnectionInfo, DemoPrincipal, LabClients, SandboxControls, StoredObjectView, QuotaMode, QuotaStatusView } from './types';
export { markBackground, isLabBackground, LAB_BACKGROUND_MARKER } from './background';
export { aliasMatches, aliasNameProblem, fullAliasName, GUEST_ALIAS_PATTERNS, ALIAS_PREFIX, RESERVED_ALIAS_PREFIX, type AliasNameProblem } from './alias-rules';
export { testHooksEnabled, type LabTestHooks } from './test-hooks';
export { PAGE_PRINCIPALS, principalInfo, isPagePrincipal, LAB_ACCOUNT, PARTNER_ACCOUNT, type PagePrincipal, type PrincipalInfo } from './principals';
