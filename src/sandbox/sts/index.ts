import type { ServiceModule } from '../shared/context';
import { stsOperations } from './sts-operations';

export const stsService: ServiceModule = {
  name: 'sts',
  operations: stsOperations,
  readOnly: new Set(['GetCallerIdentity', 'AssumeRoleWithWebIdentity', 'AssumeRole']),
};
