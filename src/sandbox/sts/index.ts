import type { Operation, ServiceModule } from '../shared/context';
import { stsOperations } from './sts-operations';

export const stsService: ServiceModule = {
  name: 'sts',
  operations: stsOperations as Record<string, Operation>,
  readOnly: new Set(['GetCallerIdentity', 'AssumeRoleWithWebIdentity', 'AssumeRole']),
};
