import { useId, useState } from 'react';
import { Button, CodeBlock, ErrorExplainer } from '../../../components';
import { useDecrypt, useEncrypt } from '../../../api';
import { utf8 } from '../../../lib/bytes';

interface Props {
  keyId: string;
}

const HELPER_SNIPPET = `# The Lambda console's "encryption helpers" snippet (Python), inside the function:
DECRYPTED = boto3.client('kms').decrypt(
    CiphertextBlob=b64decode(os.environ['DB_PASSWORD']),
    EncryptionContext={'LambdaFunctionName': os.environ['AWS_LAMBDA_FUNCTION_NAME']}
)['Plaintext'].decode('utf-8')`;

export function LambdaCase({ keyId }: Props) {
  const ids = { a: useId(), b: useId(), secret: useId() };
  const [fnA, setFnA] = useState('KMSEncryptionDemo');
  const [fnB, setFnB] = useState('ReportsFunction');
  const [secret, setSecret] = useState('db-pa55word');
  const encrypt = useEncrypt();
  const asA = useDecrypt();
  const asB = useDecrypt();
  const blob = encrypt.data?.CiphertextBlob;
  const input = 'mt-1 w-full rounded-lg border border-line bg-surface p-2 font-mono text-sm';

  return (
    <section aria-labelledby="lambda-heading" className="space-y-3">
      <h2 id="lambda-heading" className="text-lg font-semibold">
        The Lambda case (trap 6)
      </h2>
      <p className="text-sm">
        With “Enable helpers for encryption in transit”, the Lambda console encrypts an environment variable under your key with the context{' '}
        <code>{'{"LambdaFunctionName": "<function name>"}'}</code>, and its snippet decrypts with the running function's name. The value therefore only
        opens inside the function it was encrypted for.
      </p>
      <div className="grid gap-3 *:min-w-0 md:grid-cols-3">
        <div>
          <label htmlFor={ids.a} className="block text-sm font-medium">Function A (encrypted for)</label>
          <input id={ids.a} value={fnA} onChange={(e) => setFnA(e.target.value)} className={input} />
        </div>
        <div>
          <label htmlFor={ids.b} className="block text-sm font-medium">Function B (another function)</label>
          <input id={ids.b} value={fnB} onChange={(e) => setFnB(e.target.value)} className={input} />
        </div>
        <div>
          <label htmlFor={ids.secret} className="block text-sm font-medium">DB_PASSWORD value</label>
          <input id={ids.secret} value={secret} onChange={(e) => setSecret(e.target.value)} className={input} />
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="primary"
          busy={encrypt.isPending}
          disabled={!keyId || secret === ''}
          onClick={() => {
            asA.reset();
            asB.reset();
            encrypt.mutate({ KeyId: keyId, Plaintext: utf8.encode(secret), EncryptionContext: { LambdaFunctionName: fnA } });
          }}
        >
          Encrypt for function A
        </Button>
        <Button busy={asA.isPending} disabled={!blob} onClick={() => blob && asA.mutate({ CiphertextBlob: blob, EncryptionContext: { LambdaFunctionName: fnA } })}>
          Decrypt inside function A
        </Button>
        <Button busy={asB.isPending} disabled={!blob} onClick={() => blob && asB.mutate({ CiphertextBlob: blob, EncryptionContext: { LambdaFunctionName: fnB } })}>
          Decrypt inside function B
        </Button>
      </div>
      {encrypt.error && <ErrorExplainer error={encrypt.error} operation="Encrypt" />}
      {blob && (
        <p className="text-sm">
          Encrypted under context <code>{JSON.stringify({ LambdaFunctionName: fnA })}</code>: {blob.length} bytes.
        </p>
      )}
      {asA.data?.Plaintext && (
        <p role="status" className="rounded-md bg-ok-soft p-2 text-sm">
          Function A decrypted it: “{utf8.decode(asA.data.Plaintext)}”.
        </p>
      )}
      {asA.error && <ErrorExplainer error={asA.error} operation="Decrypt" />}
      {asB.data?.Plaintext && (
        <p role="status" className="rounded-md bg-warn-soft p-2 text-sm">
          Function B decrypted it too — the two names are the same?
        </p>
      )}
      {asB.error && (
        <div className="space-y-1">
          <p className="text-sm font-medium">Function B sent {JSON.stringify({ LambdaFunctionName: fnB })}: refused.</p>
          <ErrorExplainer error={asB.error} operation="Decrypt" expected />
        </div>
      )}
      <CodeBlock code={HELPER_SNIPPET} language="python" label="Console helper snippet" />
      <div role="note" className="space-y-1 rounded-md border border-line p-3 text-sm">
        <p className="font-semibold">Two different contexts — do not mix them up</p>
        <p>
          <strong>The console helper</strong> (encryption in transit, above) uses <code>LambdaFunctionName</code> with the function's name, and your code
          calls Decrypt.
        </p>
        <p>
          <strong>Lambda's own at-rest encryption</strong> of every environment variable uses the context key <code>aws:lambda:FunctionArn</code> with
          the function's ARN, e.g. <code>{`{"aws:lambda:FunctionArn": "arn:aws:lambda:us-east-1:111122223333:function:${fnA}"}`}</code>; Lambda
          decrypts it for you. Some study material (the guide's 002 document) writes <code>aws:lambda:FunctionName</code> here — that key is not what
          Lambda uses. Key policies can pin it with the condition <code>kms:EncryptionContext:aws:lambda:FunctionArn</code>.
        </p>
      </div>
    </section>
  );
}
