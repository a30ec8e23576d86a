import { CreateKeyCommand, ListResourceTagsCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import { expectAwsError, kmsSandbox } from './helpers/sdk';

async function newKey(tags?: { TagKey: string; TagValue: string }[]) {
  const s = await kmsSandbox();
  const { KeyMetadata: md } = await s.kms.send(new CreateKeyCommand({ Tags: tags }));
  return { ...s, id: md!.KeyId!, arn: md!.Arn! };
}

describe('TagResource / UntagResource / ListResourceTags', () => {
  it('lists an untagged key as []', async () => {
    const { kms, id } = await newKey();
    expect(await kms.send(new ListResourceTagsCommand({ KeyId: id }))).toMatchObject({ Tags: [], Truncated: false });
  });

  it('adds, overwrites and lists tags sorted by key; empty values are allowed', async () => {
    const { kms, id, arn } = await newKey([{ TagKey: 'zeta', TagValue: '1' }]);
    await kms.send(new TagResourceCommand({ KeyId: arn, Tags: [{ TagKey: 'alpha', TagValue: '' }, { TagKey: 'zeta', TagValue: '2' }] }));
    const out = await kms.send(new ListResourceTagsCommand({ KeyId: id }));
    expect(out.Tags).toEqual([
      { TagKey: 'alpha', TagValue: '' },
      { TagKey: 'zeta', TagValue: '2' },
    ]);
    expect(out.Truncated).toBe(false);
  });

  it('removes only the named tags and ignores unknown names', async () => {
    const { kms, id } = await newKey([
      { TagKey: 'a', TagValue: '1' },
      { TagKey: 'b', TagValue: '2' },
    ]);
    await kms.send(new UntagResourceCommand({ KeyId: id, TagKeys: ['a', 'nope'] }));
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: id }))).Tags).toEqual([{ TagKey: 'b', TagValue: '2' }]);
  });

  it('counts existing tags toward the limit of 50', async () => {
    const tags = Array.from({ length: 49 }, (_, i) => ({ TagKey: `k${String(i).padStart(2, '0')}`, TagValue: 'v' }));
    const { kms, id } = await newKey(tags);
    // Overwriting an existing key does not count.
    await kms.send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: 'k00', TagValue: 'w' }, { TagKey: 'new1', TagValue: 'v' }] }));
    await expectAwsError(
      kms.send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: 'new2', TagValue: 'v' }] })),
      'TagException',
      'Too many tags',
    );
  });

  it('refuses duplicates, the aws: prefix in any case and over-long members', async () => {
    const { kms, id } = await newKey();
    await expectAwsError(
      kms.send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: 'd', TagValue: '1' }, { TagKey: 'd', TagValue: '2' }] })),
      'TagException',
      'Duplicate tag keys',
    );
    await expectAwsError(
      kms.send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: 'aWs:thing', TagValue: '1' }] })),
      'TagException',
      'Tags beginning with aws: are reserved',
    );
    const long = 'k'.repeat(129);
    await expectAwsError(
      kms.send(new TagResourceCommand({ KeyId: id, Tags: [{ TagKey: 'ok', TagValue: 'v' }, { TagKey: long, TagValue: 'v' }] })),
      'ValidationException',
      `1 validation error detected: Value '${long}' at 'tags.2.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
  });

  it('refuses tagging and untagging a key pending deletion, but still lists its tags', async () => {
    const { kms, id, arn } = await newKey([{ TagKey: 'a', TagValue: '1' }]);
    const { ScheduleKeyDeletionCommand } = await import('@aws-sdk/client-kms');
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: id }));
    await expectAwsError(kms.send(new UntagResourceCommand({ KeyId: id, TagKeys: ['a'] })), 'KMSInvalidStateException', `${arn} is pending deletion.`);
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: id }))).Tags).toHaveLength(1);
  });

  it('requires Tags', async () => {
    const { kms, id } = await newKey();
    await expectAwsError(
      kms.send(new TagResourceCommand({ KeyId: id } as never)),
      'ValidationException',
      "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null",
    );
  });
});
