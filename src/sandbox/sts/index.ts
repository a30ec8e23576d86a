import type { ServiceModule } from '../shared/context';

// PLACEHOLDER written by helper A (protocol shell) so createSandbox can wire STS. The STS helper overwrites this file.
export const stsService: ServiceModule = { name: 'sts', operations: {}, readOnly: new Set() };
