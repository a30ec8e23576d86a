/**
 * A guard that states its condition (aws-encryption-sdk-javascript's `needs`): the condition reads
 * as the precondition, the error is what AWS answers when it does not hold.
 */
export function needs(condition: unknown, error: Error | (() => Error)): asserts condition {
  if (!condition) throw typeof error === 'function' ? error() : error;
}
