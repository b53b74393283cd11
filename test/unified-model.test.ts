/** The rest of the unified model: statuses, types, fields, typed custom fields, groups, roles, SLA, passthrough. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dixaRead, dixaReadAll, startHarness, type Harness } from './harness.ts';

const ADMIN = 'admin-key-for-tests-0123456789';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ adminKey: ADMIN });
});
afterAll(() => h.close());

describe('definitions', () => {
  it('ticketStatuses and ticketTypes list every Dixa state and channel', async () => {
    const res = await h.gql(`{ ticketStatuses { nodes { id name category } } ticketTypes(first: 100) { nodes { id name } } }`);
    expect(res.data!.ticketStatuses.nodes).toEqual([
      { id: 'Open', name: 'Open', category: 'OPEN' },
      { id: 'Pending', name: 'Pending', category: 'PENDING' },
      { id: 'AwaitingPending', name: 'Awaiting pending', category: 'PENDING' },
      { id: 'Closed', name: 'Closed', category: 'CLOSED' },
    ]);
    expect(res.data!.ticketTypes.nodes).toContainEqual({ id: 'WidgetChat', name: 'Widget chat' });
    const org = h.sandbox.orgs.get(h.sandbox.token)!;
    const ids = res.data!.ticketTypes.nodes.map((t: any) => t.id);
    for (const conv of org.conversations.values()) expect(ids).toContain(conv.channel);
  });

  it('fields: custom attribute definitions (with option trees) and system fields', async () => {
    const defs = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/custom-attributes');
    const res = await h.gql(`{ fields(first: 100) { nodes { id name label entityType fieldType isUserDefined isRequired isActive options { value label options { value label } } } } }`);
    const fields = res.data!.fields.nodes as any[];
    expect(fields.filter((f) => f.isUserDefined).map((f) => f.id)).toEqual(defs.map((d) => d.id));
    const category = fields.find((f) => f.name === 'category');
    expect(category).toMatchObject({ entityType: 'TICKET', fieldType: 'SELECT', isActive: true });
    expect(category.options[0]).toEqual({ value: 'billing', label: 'Billing', options: [{ value: 'refund', label: 'Refund' }, { value: 'invoice', label: 'Invoice' }] });
    expect(fields.find((f) => f.name === 'priority').isRequired).toBe(true);
    expect(fields.find((f) => f.name === 'old_field')).toMatchObject({ entityType: 'CONTACT', isActive: false });
    expect(fields.find((f) => f.id === 'system:ticket:subject')).toMatchObject({ isUserDefined: false, fieldType: 'TEXT' });

    const contactOnly = await h.gql(`{ fields(filter: { entityType: CONTACT, isUserDefined: true }) { nodes { name } } }`);
    expect(contactOnly.data!.fields.nodes.map((f: any) => f.name)).toEqual(['plan', 'crm_segment', 'old_field']);
  });
});

describe('custom fields resolved against definitions', () => {
  it('tickets: typed values with the field and option labels, one definitions call for 50 tickets', async () => {
    h.sandbox.calls.reset();
    const res = await h.gql(`{ tickets(first: 50) { nodes { id customFields { identifier value values displayValue field { label fieldType } } } } }`);
    expect(res.errors).toBeUndefined();
    const values = (res.data!.tickets.nodes as any[]).flatMap((t) => t.customFields);
    const category = values.find((v) => v.identifier === 'category');
    expect(category).toBeDefined();
    expect(category.field).toEqual({ label: 'Category', fieldType: 'SELECT' });
    expect(category.displayValue).toMatch(/^(Billing \/ Refund|Technical \/ Login)$/);
    expect(values.find((v) => v.identifier === 'order_id')?.field.fieldType).toBe('TEXT');
    expect(h.sandbox.calls.count('GET /v1/custom-attributes')).toBe(1);
    expect(h.sandbox.calls.duplicates()).toEqual([]);
  });

  it('contacts: custom fields come from the end user by id', async () => {
    const users = await dixaReadAll(h.sandbox, '/v1/endusers?pageLimit=100');
    const withPlan = (await Promise.all(users.slice(0, 10).map((u: any) => dixaRead(h.sandbox, 'GET', `/v1/endusers/${u.id}`)))).find((u: any) =>
      u.customAttributes.some((a: any) => a.identifier === 'plan'),
    );
    const res = await h.gql(`query($id: ID!) { contact(id: $id) { customFields { identifier values displayValue field { entityType } } } }`, { id: withPlan.id });
    const plan = res.data!.contact.customFields.find((f: any) => f.identifier === 'plan');
    expect(plan.field.entityType).toBe('CONTACT');
    expect(plan.displayValue).toBe(plan.values[0][0].toUpperCase() + plan.values[0].slice(1));
  });
});

describe('directory', () => {
  it('groups mirror teams; users carry roles and groups; roles lists what agents hold', async () => {
    const teams = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/teams');
    const res = await h.gql(`{
      groups { nodes { id name members(first: 100) { nodes { id groups { id } } } } }
      roles { nodes { id name } }
      users(first: 100) { nodes { id roles { id } } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data!.groups.nodes.map((g: any) => g.id)).toEqual(teams.map((t) => t.id));
    for (const group of res.data!.groups.nodes) for (const m of group.members.nodes) expect(m.groups.map((g: any) => g.id)).toContain(group.id);
    expect(res.data!.roles.nodes).toEqual([
      { id: 'Admin', name: 'Admin' },
      { id: 'Agent', name: 'Agent' },
      { id: 'TeamLead', name: 'Team lead' },
    ]);
    const group = await h.gql(`query($id: ID!) { group(id: $id) { name } }`, { id: teams[0].id });
    expect(group.data!.group.name).toBe(teams[0].name);
  });

  it('users filter by team and e-mail', async () => {
    const teams = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/teams');
    const members = await dixaRead<any[]>(h.sandbox, 'GET', `/v1/teams/${teams[0].id}/agents`);
    const byTeam = await h.gql(`query($t: ID!) { users(filter: { teamId: $t }) { nodes { id } } }`, { t: teams[0].id });
    expect(byTeam.data!.users.nodes.map((u: any) => u.id)).toEqual(members.map((m) => m.id));
    const byEmail = await h.gql(`query($e: EmailAddress!) { users(filter: { email: $e }) { nodes { id } } }`, { e: members[1].email });
    expect(byEmail.data!.users.nodes).toEqual([{ id: members[1].id }]);
    const both = await h.gql(`query($t: ID!, $e: EmailAddress!) { users(filter: { teamId: $t, email: $e }) { nodes { id } } }`, { t: teams[3].id, e: members[1].email });
    expect(both.data!.users.nodes).toEqual([]);
  });
});

describe('ticket filters', () => {
  const all = () => [...h.sandbox.orgs.get(h.sandbox.token)!.conversations.values()].sort((a, b) => b.id - a.id);
  const ids = async (filter: Record<string, unknown>) => {
    const out: string[] = [];
    let after: string | null = null;
    do {
      const res: any = await h.gql(`query($f: TicketFilter, $a: String) { tickets(first: 100, after: $a, filter: $f) { nodes { id } pageInfo { hasNextPage endCursor } } }`, { f: filter, a: after });
      expect(res.errors).toBeUndefined();
      out.push(...res.data.tickets.nodes.map((n: any) => n.id));
      after = res.data.tickets.pageInfo.hasNextPage ? res.data.tickets.pageInfo.endCursor : null;
    } while (after);
    return out;
  };

  it('status, assignee, collection and tags are pushed down to Dixa search', async () => {
    const org = h.sandbox.orgs.get(h.sandbox.token)!;
    const sample = all().find((c) => c.assignment && c.queue && (org.conversationTags.get(c.id) ?? []).length)!;
    h.sandbox.calls.reset();
    expect(await ids({ status: ['PENDING'] })).toEqual(all().filter((c) => ['Pending', 'AwaitingPending'].includes(c.state!)).map((c) => String(c.id)));
    const searches = h.sandbox.calls.count('POST /v1/search/conversations');
    expect(searches).toBeLessThanOrEqual(3); // filtered in Dixa, not by scanning everything
    expect(await ids({ assigneeId: sample.assignment!.agentId })).toEqual(all().filter((c) => c.assignment?.agentId === sample.assignment!.agentId).map((c) => String(c.id)));
    expect(await ids({ collectionId: sample.queue!.id, status: ['OPEN', 'CLOSED'] })).toEqual(
      all().filter((c) => c.queue?.id === sample.queue!.id && ['Open', 'Closed'].includes(c.state!)).map((c) => String(c.id)),
    );
    const tag = org.conversationTags.get(sample.id)![0]!;
    expect(await ids({ tagIds: [tag] })).toEqual(all().filter((c) => org.conversationTags.get(c.id)!.includes(tag)).map((c) => String(c.id)));
  });

  it('contact + status uses the contact’s list, checked exactly', async () => {
    const busiest = [...Map.groupBy(all(), (c) => c.requesterId)].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(await ids({ contactId: busiest[0], status: ['CLOSED'] })).toEqual(busiest[1].filter((c) => c.state === 'Closed').map((c) => String(c.id)));
    expect(await ids({ contactId: busiest[0], query: 'refund' })).toEqual(
      (await dixaReadAll<{ id: number }>(h.sandbox, '/v1/search/conversations?pageLimit=50', { method: 'POST', body: { query: { value: 'refund', exactMatch: false }, filters: { strategy: 'All', conditions: [{ field: { _type: 'Requester', operator: { _type: 'IncludesOne', values: [busiest[0]] } } }] } } })).map((c) => String(c.id)),
    );
  });

  it('time ranges are applied exactly, page after page', async () => {
    const convs = all();
    const after = convs[200]!.createdAt;
    const before = convs[20]!.createdAt;
    expect(await ids({ createdAfter: after, createdBefore: before })).toEqual(convs.filter((c) => c.createdAt > after && c.createdAt < before).map((c) => String(c.id)));
    const updated = convs[150]!.stateUpdatedAt!;
    expect(await ids({ updatedAfter: updated, status: ['CLOSED'] })).toEqual(convs.filter((c) => c.stateUpdatedAt! > updated && c.state === 'Closed').map((c) => String(c.id)));
    const bad = await h.gql(`{ tickets(filter: { createdAfter: "2026-02-01T00:00:00Z", createdBefore: "2026-01-01T00:00:00Z" }) { nodes { id } } }`);
    expect(bad.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('SLA fields and attachments', () => {
  it('firstResponseAt/Time, resolutionTime and messageCount follow the documented rules', async () => {
    const res = await h.gql(`{ tickets(first: 40) { nodes { id createdAt closedAt status { category } firstResponseAt firstResponseTime resolutionTime messageCount } } }`);
    expect(res.errors).toBeUndefined();
    let responded = 0;
    for (const t of res.data!.tickets.nodes as any[]) {
      const messages = await dixaRead<any[]>(h.sandbox, 'GET', `/v1/conversations/${t.id}/messages`);
      expect(t.messageCount).toBe(messages.length);
      const firstIn = messages.findIndex((m) => m.direction === 'Inbound');
      const reply = firstIn >= 0 ? messages.slice(firstIn + 1).find((m) => m.direction === 'Outbound') : undefined;
      expect(t.firstResponseAt).toBe(reply ? new Date(reply.createdAt).toISOString() : null);
      expect(t.firstResponseTime).toBe(reply ? Math.round((Date.parse(reply.createdAt) - Date.parse(t.createdAt)) / 1000) : null);
      expect(t.resolutionTime).toBe(t.status.category === 'CLOSED' ? Math.round((Date.parse(t.closedAt) - Date.parse(t.createdAt)) / 1000) : null);
      if (reply) responded++;
    }
    expect(responded).toBeGreaterThan(5);
  });

  it('attachment(id) and remoteData on every type', async () => {
    const tickets = await h.gql(`{ tickets(first: 60) { nodes { comments(first: 20) { nodes { attachments { id remoteData } } } } } }`);
    const attachment = (tickets.data!.tickets.nodes as any[]).flatMap((t) => t.comments.nodes.flatMap((c: any) => c.attachments))[0];
    expect(attachment.remoteData).toHaveProperty('url');
    const res = await h.gql(`query($id: ID!) { attachment(id: $id) { id fileName ticket { id remoteData } comment { remoteData } } }`, { id: attachment.id });
    expect(res.data!.attachment.id).toBe(attachment.id);
    expect(res.data!.attachment.ticket.remoteData.id).toBe(Number(res.data!.attachment.ticket.id));
    const missing = await h.gql(`{ attachment(id: "1:nope:0") { id } }`);
    expect(missing.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const everywhere = await h.gql(`{ users(first: 1) { nodes { remoteData } } contacts(first: 1) { nodes { remoteData } } teams(first: 1) { nodes { remoteData } } tags(first: 1) { nodes { remoteData } } collections(first: 1) { nodes { remoteData } } groups(first: 1) { nodes { remoteData } } fields(first: 20) { nodes { isUserDefined remoteData } } }`);
    for (const key of ['users', 'contacts', 'teams', 'tags', 'collections', 'groups']) expect(everywhere.data![key].nodes[0].remoteData).toHaveProperty('id');
  });
});

describe('dixaRequest passthrough', () => {
  it('is admin-only', async () => {
    const res = await h.gql(`mutation { dixaRequest(method: GET, path: "/v1/queues") }`);
    expect(res.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const wrong = await h.gql(`mutation { dixaRequest(method: GET, path: "/v1/queues") }`, undefined, { 'x-admin-key': 'nope' });
    expect(wrong.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('reaches any /v1 path and nothing else', async () => {
    const admin = { 'x-admin-key': ADMIN };
    const queues = await h.gql(`mutation { dixaRequest(method: GET, path: "/v1/queues") }`, undefined, admin);
    expect(queues.data!.dixaRequest.data).toHaveLength(5);
    const tags = await h.gql(`mutation($q: JSON) { dixaRequest(method: GET, path: "/v1/tags", query: $q) }`, { q: { includeDeactivated: true } }, admin);
    expect(tags.data!.dixaRequest.data).toHaveLength(15);
    const created = await h.gql(`mutation($b: JSON) { dixaRequest(method: POST, path: "/v1/tags", body: $b) }`, { b: { name: 'from-passthrough' } }, admin);
    expect(created.data!.dixaRequest.data.name).toBe('from-passthrough');
    h.sandbox.calls.reset();
    for (const path of ['/v2/queues', 'https://evil.example/v1/x', '//evil.example/v1', '/v1/../admin', '/v1/queues?x=1']) {
      const res = await h.gql(`mutation($p: String!) { dixaRequest(method: GET, path: $p) }`, { p: path }, admin);
      expect(res.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    }
    expect(h.sandbox.calls.count()).toBe(0);
    const notFound = await h.gql(`mutation { dixaRequest(method: GET, path: "/v1/conversations/999999") }`, undefined, admin);
    expect(notFound.errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });
});
