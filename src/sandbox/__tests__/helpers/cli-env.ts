import { join } from 'node:path';

/**
 * The environment for running the installed AWS CLI against a local sandbox in a test: the
 * sandbox's public administrator keys, us-east-1, and nothing read from the machine's own
 * configuration (HOME and both config files point into the test's temporary folder; no instance
 * metadata lookups; one attempt, so a refused call fails at once).
 */
export function awsCliEnv(dir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: dir,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
  };
}
