/**
 * Deterministic demo data for one sandbox organisation. Conversations are made eagerly (they are
 * cheap); their messages and notes are made on first access from a per-conversation seed, so a
 * 100,000-conversation organisation starts in a moment.
 */
import { TAG_ACTIVE_STATE, TAG_INACTIVE_STATE } from '../dixa/assumptions.ts';
import type {
  DixaAgent,
  DixaConversation,
  DixaCustomAttributeDefinition,
  DixaCustomAttributeValue,
  DixaEndUser,
  DixaMessage,
  DixaNote,
  DixaQueue,
  DixaTag,
  DixaTeam,
} from '../dixa/wire.ts';
import { Prng } from './prng.ts';

export interface SeedOptions {
  seed?: number;
  conversations?: number;
  endUsers?: number;
  agents?: number;
}

export interface OrgState {
  seed: number;
  conversations: Map<number, DixaConversation>;
  /** Made on first access (see `threadOf`). */
  messages: Map<number, DixaMessage[]>;
  notes: Map<number, DixaNote[]>;
  conversationTags: Map<number, string[]>;
  endUsers: Map<string, DixaEndUser>;
  agents: Map<string, DixaAgent>;
  teams: Map<string, DixaTeam>;
  teamMembers: Map<string, string[]>;
  queues: Map<string, DixaQueue>;
  queueMembers: Map<string, string[]>;
  tags: Map<string, DixaTag>;
  customAttributes: DixaCustomAttributeDefinition[];
  nextConversationId: number;
  /** Webhook subscriptions made through the API. */
  webhooks: Map<string, import('./webhooks.ts').WebhookSubscription>;
}

const BASE_TIME = Date.parse('2026-01-05T08:00:00Z');
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Linus', 'Radia', 'Tim', 'Hedy', 'John', 'Karen', 'Niklaus', 'Sophie', 'Dennis', 'Anita', 'Bjarne'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Torvalds', 'Perlman', 'Berners-Lee', 'Lamarr', 'McCarthy', 'Jones', 'Wirth', 'Wilson', 'Ritchie', 'Borg', 'Stroustrup'];
const CHANNELS: ReadonlyArray<readonly [string, number]> = [
  ['Email', 35], ['WidgetChat', 25], ['PstnPhone', 10], ['Sms', 8], ['ContactForm', 10], ['WhatsApp', 7], ['FacebookMessenger', 5],
];
const STATES: ReadonlyArray<readonly [string, number]> = [['Open', 35], ['Pending', 15], ['AwaitingPending', 5], ['Closed', 45]];
const SUBJECTS = ['Where is my order?', 'Refund request', 'Cannot log in', 'Invoice question', 'Damaged item received', 'Change delivery address', 'Subscription cancellation', 'Bug in the mobile app', 'Warranty claim', 'Password reset not arriving'];
const LINES = [
  'Hi, I ordered last week and nothing has arrived yet.', 'Thanks for reaching out! Let me look into that for you.', 'Could you share your order number?',
  'It is A-{n}.', 'I have issued a refund; it should show within 5 business days.', 'The login page keeps saying my password is wrong.',
  'I have reset your account, please try again.', 'Great, that worked. Thank you!', 'Attached is a photo of the damaged box.',
  'We are sending a replacement today.', 'Can I change the delivery address?', 'Done — the new address is on the order.',
];
const NOTE_LINES = ['Customer is a VIP, handle with care.', 'Checked the warehouse system: parcel lost in transit.', 'Escalated to tier 2.', 'Refund approved by finance.', 'Possible fraud — verify identity first.'];
const FILES = ['receipt.pdf', 'photo.png', 'screenshot.png', 'invoice.pdf', 'log.txt', 'damaged-box.jpg'];
const TAGS = ['vip', 'refund', 'shipping', 'bug', 'billing', 'urgent', 'feedback', 'returns', 'login', 'warranty', 'escalated', 'spam', 'churn-risk', 'legacy', 'old-campaign'];
const COLORS = ['#e74c3c', '#3498db', '#2ecc71', '#f1c40f', '#9b59b6', '#1abc9c', '#e67e22'];

function person(i: number) {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]!;
  return { first, last, slug: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + (i >= FIRST.length ? i : '') };
}

function customAttributeDefinitions(rng: Prng): DixaCustomAttributeDefinition[] {
  const def = (entityType: string, identifier: string, label: string, input: DixaCustomAttributeDefinition['inputDefinition'], flags: Partial<DixaCustomAttributeDefinition> = {}) => ({
    id: rng.uuid(), entityType, identifier, label, inputDefinition: input, description: `${label} (sandbox)`, createdAt: iso(BASE_TIME - 90 * 24 * 60 * MINUTE),
    isRequired: false, isArchived: false, isDeactivated: false, ...flags,
  });
  const options = (values: string[]) => values.map((v) => ({ value: v, label: v[0]!.toUpperCase() + v.slice(1), nestedOptions: [] }));
  return [
    def('Conversation', 'order_id', 'Order ID', { _type: 'Text', placeholder: 'A-1234' }),
    def('Conversation', 'priority', 'Priority', { _type: 'Select', options: options(['low', 'normal', 'high']) }, { isRequired: true }),
    def('Conversation', 'category', 'Category', {
      _type: 'Select',
      options: [
        { value: 'billing', label: 'Billing', nestedOptions: options(['refund', 'invoice']) },
        { value: 'technical', label: 'Technical', nestedOptions: options(['login', 'bug']) },
      ],
    }),
    def('Conversation', 'csat_score', 'CSAT score', { _type: 'Select', options: options(['1', '2', '3', '4', '5']) }),
    def('Conversation', 'legacy_code', 'Legacy code', { _type: 'Text' }, { isArchived: true }),
    def('Contact', 'plan', 'Plan', { _type: 'Select', options: options(['free', 'pro', 'enterprise']) }),
    def('Contact', 'crm_segment', 'CRM segment', { _type: 'Text', placeholder: 'SMB' }),
    def('Contact', 'old_field', 'Old field', { _type: 'Text' }, { isDeactivated: true }),
  ];
}

export function attributeValue(def: DixaCustomAttributeDefinition, value: string | string[]): DixaCustomAttributeValue {
  return { id: def.id, name: def.label, identifier: def.identifier, value };
}

export function seedOrganisation(options: SeedOptions = {}): OrgState {
  const seed = options.seed ?? 42;
  const rng = new Prng(seed);
  const state: OrgState = {
    seed,
    conversations: new Map(), messages: new Map(), notes: new Map(), conversationTags: new Map(),
    endUsers: new Map(), agents: new Map(), teams: new Map(), teamMembers: new Map(), queues: new Map(), queueMembers: new Map(),
    tags: new Map(), customAttributes: customAttributeDefinitions(rng), nextConversationId: 1, webhooks: new Map(),
  };
  const defs = (entity: string, identifier: string) => state.customAttributes.find((d) => d.entityType === entity && d.identifier === identifier)!;

  const agentCount = options.agents ?? 12;
  const agents = Array.from({ length: agentCount }, (_, i): DixaAgent => {
    const p = person(i + 3);
    return {
      id: rng.uuid(), createdAt: iso(BASE_TIME - (400 - i) * 24 * 60 * MINUTE), displayName: `${p.first} ${p.last}`,
      email: `${p.slug}@acme-support.example`, firstName: p.first, lastName: p.last, middleNames: [],
      phoneNumber: i % 3 === 0 ? `+4570${String(100000 + i).padStart(6, '0')}` : null, additionalEmails: [], additionalPhoneNumbers: [],
      avatarUrl: `https://avatars.sandbox.dixa.local/${p.slug}.png`, roles: i < 2 ? ['Agent', 'Admin'] : i === 2 ? ['Agent', 'TeamLead'] : ['Agent'],
    };
  });
  for (const a of agents) state.agents.set(a.id, a);

  for (const [name, members] of [['Tier 1', [0, 1, 2, 3, 4, 5]], ['Tier 2', [4, 5, 6, 7, 8]], ['Billing', [0, 8, 9, 10, 11]], ['Night shift', []]] as const) {
    const team = { id: rng.uuid(), name };
    state.teams.set(team.id, team);
    state.teamMembers.set(team.id, members.filter((i) => i < agents.length).map((i) => agents[i]!.id));
  }
  const queueSpecs = [['General', true], ['Billing', false], ['Technical', false], ['VIP', false], ['Returns', false]] as const;
  for (const [i, [name, isDefault]] of queueSpecs.entries()) {
    const queue = { id: rng.uuid(), name, isDefault, priority: i, offerAlgorithm: 'AllAtOnce', isDoNotOfferEnabled: false };
    state.queues.set(queue.id, queue);
    state.queueMembers.set(queue.id, agents.filter((_, a) => (a + i) % 3 !== 0).map((a) => a.id));
  }
  for (const [i, name] of TAGS.entries()) {
    const tag = { id: rng.uuid(), name, color: COLORS[i % COLORS.length]!, state: i >= TAGS.length - 2 ? TAG_INACTIVE_STATE : TAG_ACTIVE_STATE };
    state.tags.set(tag.id, tag);
  }

  const endUserCount = options.endUsers ?? 80;
  const endUsers = Array.from({ length: endUserCount }, (_, i): DixaEndUser => {
    const p = person(i);
    const attrs: DixaCustomAttributeValue[] = [];
    if (i % 2 === 0) attrs.push(attributeValue(defs('Contact', 'plan'), [rng.pick(['free', 'pro', 'enterprise'])]));
    if (i % 3 === 0) attrs.push(attributeValue(defs('Contact', 'crm_segment'), rng.pick(['SMB', 'Mid-market', 'Enterprise'])));
    return {
      id: rng.uuid(), displayName: `${p.first} ${p.last}`, email: `${p.slug}@example.com`, firstName: p.first, lastName: p.last, middleNames: [],
      phoneNumber: i % 4 === 0 ? `+4520${String(100000 + i).padStart(6, '0')}` : null,
      additionalEmails: i % 10 === 0 ? [`${p.slug}@work.example.com`] : [], additionalPhoneNumbers: [],
      avatarUrl: null, externalId: i % 2 === 0 ? `crm-${1000 + i}` : null, createdAt: iso(BASE_TIME - (200 - (i % 200)) * 24 * 60 * MINUTE), customAttributes: attrs,
    };
  });
  for (const u of endUsers) state.endUsers.set(u.id, u);

  const activeTags = [...state.tags.values()].filter((t) => t.state === TAG_ACTIVE_STATE);
  const queues = [...state.queues.values()];
  const convCount = options.conversations ?? 300;
  for (let i = 0; i < convCount; i++) {
    const id = state.nextConversationId++;
    // every end user gets a conversation, then a skew so some have many
    const requester = i < endUsers.length ? endUsers[i]! : endUsers[Math.floor(endUsers.length * rng.next() ** 2.5)]!;
    const channel = rng.weighted(CHANNELS);
    const createdAt = BASE_TIME + i * 37 * MINUTE;
    const stateValue = rng.weighted(STATES);
    const conv: DixaConversation = { id, requesterId: requester.id, channel, createdAt: iso(createdAt), direction: rng.chance(0.9) ? 'Inbound' : 'Outbound', state: stateValue, stateUpdatedAt: iso(createdAt + rng.int(10, 600) * MINUTE) };
    if (channel === 'Email' || channel === 'ContactForm') conv.subject = rng.pick(SUBJECTS);
    if (channel === 'Email') {
      conv.fromEmail = requester.email;
      conv.toEmail = 'support@acme.email.dixa.io';
    }
    if (agents.length && rng.chance(0.7)) conv.assignment = { agentId: rng.pick(agents).id, assignedAt: iso(createdAt + 2 * MINUTE) };
    if (rng.chance(0.8)) conv.queue = { id: rng.pick(queues).id, queuedAt: iso(createdAt + MINUTE) };
    const attrs: DixaCustomAttributeValue[] = [];
    if (rng.chance(0.5)) attrs.push(attributeValue(defs('Conversation', 'priority'), [rng.pick(['low', 'normal', 'high'])]));
    if (rng.chance(0.3)) attrs.push(attributeValue(defs('Conversation', 'order_id'), `A-${1000 + id}`));
    if (rng.chance(0.2)) attrs.push(rng.chance(0.5) ? attributeValue(defs('Conversation', 'category'), ['billing', 'refund']) : attributeValue(defs('Conversation', 'category'), ['technical', 'login']));
    if (attrs.length) conv.customAttributes = attrs;
    state.conversations.set(id, conv);
    const tagCount = rng.int(0, 3);
    const tagIds = new Set<string>();
    for (let t = 0; t < tagCount; t++) tagIds.add(rng.pick(activeTags).id);
    state.conversationTags.set(id, [...tagIds]);
  }
  return state;
}

/** The messages and notes of a conversation, made on first access and kept (writes append). */
export function threadOf(state: OrgState, id: number): { messages: DixaMessage[]; notes: DixaNote[] } {
  let messages = state.messages.get(id);
  let notes = state.notes.get(id);
  if (messages && notes) return { messages, notes };
  const conv = state.conversations.get(id)!;
  const rng = new Prng((state.seed * 1_000_003 + id) >>> 0);
  const agents = [...state.agents.values()];
  const start = Date.parse(conv.createdAt);
  const count = rng.int(1, 8);
  const agentId = conv.assignment?.agentId ?? (agents.length ? rng.pick(agents).id : null);
  messages = [];
  for (let k = 0; k < count; k++) {
    const inbound = (k % 2 === 0) === (conv.direction !== 'Outbound');
    const text = rng.pick(LINES).replace('{n}', String(1000 + id));
    const html = conv.channel === 'Email' && !inbound && rng.chance(0.4);
    const attachments = rng.chance(0.15)
      ? Array.from({ length: rng.int(1, 2) }, () => {
          const name = rng.pick(FILES);
          return { url: `https://files.sandbox.dixa.local/${rng.uuid()}/${name}`, prettyName: name };
        })
      : [];
    messages.push({
      id: rng.uuid(),
      authorId: inbound ? conv.requesterId : agentId,
      direction: inbound ? 'Inbound' : 'Outbound',
      createdAt: iso(start + k * 11 * MINUTE),
      content: html ? { _type: 'Html', value: `<p>${text}</p>` } : { _type: 'Text', value: text },
      attributes: { _type: `${conv.channel}Attributes`, attachments },
    });
  }
  notes = [];
  const noteCount = agents.length ? rng.int(0, 3) : 0;
  for (let k = 0; k < noteCount; k++) {
    notes.push({ id: rng.uuid(), authorId: rng.pick(agents).id, createdAt: iso(start + (k * 11 + 5) * MINUTE), csid: id, message: rng.pick(NOTE_LINES) });
  }
  state.messages.set(id, messages);
  state.notes.set(id, notes);
  return { messages, notes };
}
