import { memo } from 'react';
import { useConnection } from '../../../connection';
import { ErrorExplainer } from '../../../components';
import { accountFromArn } from '../lib/key-policy';
import { SANDBOX_ACCOUNT } from '../lib/demo-principals';
import { CreateKeyForm } from './create-key-form';
import { KeyList } from './key-list';
import { KeyTypes } from './key-types';
import { useKeyRows } from './use-key-rows';

// Memoized: each reply (ListKeys, ListAliases, a DescribeKey) renders the panel again, and each part
// renders only when what it is given changed (useKeyRows keeps the same rows while nothing changed).
const KeyTypesPart = memo(KeyTypes);
const CreateKeyPart = memo(CreateKeyForm);
const KeyListPart = memo(KeyList);

/** Keys: the three key types, the guide's Part I key, and the key lifecycle. */
export function KeysPanel() {
  const conn = useConnection();
  const { rows, isPending, error } = useKeyRows();
  // The root statement names this account: the sandbox's, or the one the backend's key ARNs show.
  const accountId = conn.sandbox ? SANDBOX_ACCOUNT : (accountFromArn(rows[0]?.keyArn) ?? SANDBOX_ACCOUNT);
  return (
    <div className="space-y-8">
      <KeyTypesPart rows={rows} />
      <CreateKeyPart defaultAccountId={accountId} />
      {error && <ErrorExplainer error={error} operation="ListKeys" />}
      <KeyListPart rows={rows} isPending={isPending} />
    </div>
  );
}
