/** Dixa tags and queues → Tag, Collection. */
import { TAG_ACTIVE_STATE } from '../dixa/assumptions.ts';
import type { DixaQueue, DixaTag } from '../dixa/wire.ts';
import type { CollectionModel, TagModel } from './models.ts';
import { nonEmpty } from './values.ts';

/** Only "Active" is a confirmed state value: anything else (or a missing state on a list that hides deactivated tags) is decided here. */
export function mapTag(tag: DixaTag): TagModel {
  return {
    id: tag.id,
    name: tag.name,
    color: nonEmpty(tag.color),
    isActive: tag.state == null || tag.state === TAG_ACTIVE_STATE,
    remoteData: tag,
  };
}

export function mapCollection(queue: DixaQueue): CollectionModel {
  return { id: queue.id, name: queue.name, type: 'QUEUE', isDefault: queue.isDefault ?? false, remoteData: queue };
}
