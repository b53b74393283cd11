/** Dixa messages and internal notes → Comment, Attachment. */
import type { DixaAttachment, DixaMessage, DixaNote } from '../dixa/wire.ts';
import type { AttachmentModel, AuthorRef, CommentModel } from './models.ts';
import { absoluteUrl, isoDateTime } from './values.ts';

/** Comment ids carry their ticket: Dixa can fetch messages and notes only per conversation. */
export function commentId(ticketId: string, remoteId: string): string {
  return `${ticketId}:${remoteId}`;
}

export function parseCommentId(id: string): { ticketId: string; remoteId: string } | null {
  const match = /^(\d+):(.+)$/.exec(id);
  return match ? { ticketId: match[1]!, remoteId: match[2]! } : null;
}

const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  zip: 'application/zip',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
};

/** Dixa sends no content type for attachments: it is inferred from the file name's extension. */
export function contentTypeOf(fileName: string | null): string | null {
  const ext = fileName?.split('.').pop()?.toLowerCase();
  return (ext && CONTENT_TYPES[ext]) ?? null;
}

function fileNameOf(attachment: DixaAttachment): string | null {
  if (attachment.prettyName) return attachment.prettyName;
  const last = URL.canParse(attachment.url) ? new URL(attachment.url).pathname.split('/').pop() : null;
  return last ? decodeURIComponent(last) : null;
}

function mapAttachments(list: DixaAttachment[], ticketId: string, id: string): AttachmentModel[] {
  return list.flatMap((attachment, index) => {
    const url = absoluteUrl(attachment.url);
    if (!url) return [];
    const fileName = fileNameOf(attachment);
    return [{ id: `${id}:${index}`, fileName, url, contentType: contentTypeOf(fileName), ticketId, commentId: id, remoteData: attachment }];
  });
}

/**
 * Inbound messages are written by the requester (a Contact); outbound ones by an agent (a User).
 */
export function mapMessage(message: DixaMessage, ticketId: string): CommentModel {
  const id = commentId(ticketId, message.id);
  const content = message.content ?? message.attributes?.content ?? null;
  const isHtml = content?._type === 'Html';
  const author: AuthorRef | null = message.authorId
    ? { kind: message.direction === 'Inbound' ? 'Contact' : 'User', id: message.authorId }
    : null;
  return {
    id,
    remoteId: message.id,
    ticketId,
    body: content ? (isHtml ? htmlToText(content.value) : content.value) : null,
    htmlBody: isHtml && content ? content.value : null,
    isPrivate: false,
    author,
    attachments: mapAttachments(message.attributes?.attachments ?? [], ticketId, id),
    createdAt: isoDateTime(message.createdAt) ?? new Date(0).toISOString(),
    remoteData: message,
  };
}

export function mapNote(note: DixaNote, ticketId: string): CommentModel {
  return {
    id: commentId(ticketId, note.id),
    remoteId: note.id,
    ticketId,
    body: note.message,
    htmlBody: null,
    isPrivate: true,
    author: note.authorId ? { kind: 'User', id: note.authorId } : null,
    attachments: [],
    createdAt: isoDateTime(note.createdAt) ?? new Date(0).toISOString(),
    remoteData: note,
  };
}

/** Messages and notes of one conversation as one thread, oldest first (stable for equal times). */
export function mergeThread(messages: DixaMessage[], notes: DixaNote[], ticketId: string): CommentModel[] {
  const all = [...messages.map((m) => mapMessage(m, ticketId)), ...notes.map((n) => mapNote(n, ticketId))];
  return all
    .map((comment, order) => ({ comment, order }))
    .sort((a, b) => a.comment.createdAt.localeCompare(b.comment.createdAt) || a.order - b.order)
    .map(({ comment }) => comment);
}

/** A plain-text rendering of an HTML body: tags dropped, common entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(br|\/p|\/div|\/li)\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
