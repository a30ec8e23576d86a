/**
 * Which cached reads a committed sandbox change can have made stale. A change notice names the
 * services whose records it wrote (src/sandbox/store/lab.ts); most query keys name the service they
 * read right after the connection's key prefix (`[...keyPrefix, 'kms', 'ListKeys']`). Refetching
 * every open read on every commit made the envelope lab's upload refetch the panel's key list,
 * aliases and key description after each 8 MiB part (three calls to the engine per part, for
 * answers an S3 write cannot change).
 */

/** The service names a change notice uses (the sandbox's ServiceName), as query keys spell them. */
const SERVICES = new Set(['kms', 's3', 'cloudtrail', 'sts', 'cognito-identity', 'iam']);

/**
 * Changes that can alter any service's answers: who the caller is and what it may do (an IAM, STS or
 * Cognito change can turn a KMS list into AccessDenied), and the simulated clock (`sandbox`: moving it
 * ends waiting periods and rotates keys).
 */
const GOVERNING = new Set(['iam', 'sts', 'cognito-identity', 'sandbox']);

/**
 * True when the read under `queryKey` may have changed: its key names a service the change touched,
 * or names no service at all (a read that spans services, such as the cleanup lab's inventory), or
 * the change touched identity and access. A change that names no service (a reset, an import) makes
 * every read stale.
 */
export function readMayHaveChanged(queryKey: readonly unknown[], prefixLength: number, services: readonly string[]): boolean {
  if (services.length === 0 || services.some((s) => GOVERNING.has(s))) return true;
  const service = queryKey[prefixLength];
  if (typeof service !== 'string' || !SERVICES.has(service)) return true;
  return services.includes(service);
}
