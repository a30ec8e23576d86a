import type { ServiceModule } from '../shared/context';
import { S3_DATA_EVENTS, S3_READ_ONLY, s3Operations } from './s3-operations';

export const s3Service: ServiceModule = {
  name: 's3',
  operations: s3Operations,
  readOnly: S3_READ_ONLY,
  dataEvents: S3_DATA_EVENTS,
};
