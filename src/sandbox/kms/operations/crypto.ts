import type { Operation } from '../../shared/context';

/** Placeholder: helper C replaces this with the cryptographic operations (Encrypt, Decrypt, Sign, ...). */
export const cryptoOperations: Record<string, Operation> = {};
