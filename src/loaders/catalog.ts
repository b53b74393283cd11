/** Tags and queues: small org-wide lists, each fetched at most once per request. */
import type { DixaApi } from '../dixa/api.ts';
import { mapCollection, mapTag } from '../mapping/catalog.ts';
import type { CollectionModel, TagModel } from '../mapping/models.ts';
import { indexLoader, once } from './util.ts';

export function catalogLoaders(dixa: DixaApi) {
  const tags = once(async () => (await dixa.listTags({ includeDeactivated: true })).map(mapTag));
  const collections = once(async () => (await dixa.listQueues()).map(mapCollection));
  /** Custom attribute definitions (conversation and end-user), raw: the mutations validate against them. */
  const attributeDefinitions = once(() => dixa.listCustomAttributes());
  const attributeDefinition = indexLoader('attributeDefinition', attributeDefinitions.get);
  const tag = indexLoader<TagModel>('tag', tags.get);
  const collection = indexLoader<CollectionModel>('collection', collections.get);
  /** Tags that arrive with a conversation are already whole: later `tag` lookups reuse them. */
  const primeTags = (list: TagModel[]) => {
    for (const t of list) tag.prime(t.id, t);
  };
  return { tags, tag, collections, collection, primeTags, attributeDefinitions, attributeDefinition };
}
