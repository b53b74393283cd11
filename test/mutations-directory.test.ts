/** Contact, user and team mutations against the sandbox, read back through queries. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dixaRead, dixaReadAll, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const CONTACT = `id name firstName lastName email emails phones externalId customFields { identifier value values }`;
const writes = () => h.sandbox.calls.list().filter((c) => c.method !== 'GET');

describe('contacts', () => {
  it('createContact with custom fields; a taken e-mail is TAKEN on input.email', async () => {
    const res = await h.gql(
      `mutation($input: CreateContactInput!) { createContact(input: $input) { contact { ${CONTACT} } userErrors { field code message } } }`,
      { input: { firstName: 'Mary', lastName: 'Shelley', email: 'mary@frankenstein.example', phone: '+4511223344', externalId: 'shop-77', customFields: [{ identifier: 'plan', values: ['pro'] }] } },
    );
    expect(res.errors).toBeUndefined();
    const { contact, userErrors } = res.data!.createContact;
    expect(userErrors).toEqual([]);
    expect(contact).toMatchObject({ name: 'Mary Shelley', email: 'mary@frankenstein.example', phones: ['+4511223344'], externalId: 'shop-77' });
    expect(contact.customFields).toEqual([{ identifier: 'plan', value: 'pro', values: ['pro'] }]);
    const read = await h.gql(`query($e: EmailAddress) { contacts(filter: { email: $e }) { nodes { id } } }`, { e: 'MARY@frankenstein.example' });
    expect(read.data!.contacts.nodes).toEqual([{ id: contact.id }]);

    h.sandbox.calls.reset();
    const dup = await h.gql(`mutation { createContact(input: { name: "Copy", email: "mary@frankenstein.example" }) { contact { id } userErrors { field code message } } }`);
    expect(dup.data!.createContact).toEqual({ contact: null, userErrors: [{ field: ['input', 'email'], code: 'TAKEN', message: expect.stringMatching(/EmailExists/) }] });
    expect(h.sandbox.calls.count('POST /v1/endusers')).toBe(1);
  });

  it('createContact validates before writing', async () => {
    h.sandbox.calls.reset();
    const empty = await h.gql(`mutation { createContact(input: {}) { contact { id } userErrors { field code } } }`);
    expect(empty.data!.createContact.userErrors).toEqual([{ field: ['input'], code: 'REQUIRED' }]);
    const badField = await h.gql(`mutation { createContact(input: { name: "X", customFields: [{ identifier: "plan", values: ["platinum"] }, { identifier: "priority", value: "high" }] }) { contact { id } userErrors { field code message } } }`);
    expect(badField.data!.createContact.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([
      ['input.customFields.0.values', 'INVALID'],
      ['input.customFields.1', 'NOT_FOUND'], // priority is a ticket field, not a contact field
    ]);
    // scalar checks happen before any resolver: a literal fails validation, a variable is BAD_USER_INPUT
    const literal = await h.gql(`mutation { createContact(input: { email: "not-an-email" }) { contact { id } } }`);
    expect(literal.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const variable = await h.gql(`mutation($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }`, { i: { email: 'not-an-email' } });
    expect(variable.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(writes()).toEqual([]);
  });

  it('updateContact changes only what is given; null clears', async () => {
    const [user] = await dixaReadAll(h.sandbox, '/v1/endusers?pageLimit=1&phone=%2B4520100004');
    const res = await h.gql(
      `mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { ${CONTACT} } userErrors { field code } } }`,
      { input: { id: user.id, name: 'Renamed Person', phone: null, customFields: [{ identifier: 'crm_segment', value: 'Enterprise' }] } },
    );
    expect(res.data!.updateContact.userErrors).toEqual([]);
    const contact = res.data!.updateContact.contact;
    expect(contact).toMatchObject({ name: 'Renamed Person', email: user.email, phones: [] });
    expect(contact.customFields).toEqual(expect.arrayContaining([{ identifier: 'crm_segment', value: 'Enterprise', values: ['Enterprise'] }]));
    const stored = await dixaRead(h.sandbox, 'GET', `/v1/endusers/${user.id}`);
    expect(stored).toMatchObject({ displayName: 'Renamed Person', phoneNumber: null, firstName: user.firstName });
  });
});

describe('users and teams', () => {
  it('provisions an agent into a team, then removes and deactivates it', async () => {
    const created = await h.gql(`mutation { createUser(input: { name: "Nina Simone", email: "nina@acme-support.example", firstName: "Nina" }) { user { id name email isActive roles { id } } userErrors { code } } }`);
    expect(created.data!.createUser.userErrors).toEqual([]);
    const user = created.data!.createUser.user;
    expect(user).toMatchObject({ name: 'Nina Simone', email: 'nina@acme-support.example', isActive: true, roles: [{ id: 'Agent' }] });

    const dup = await h.gql(`mutation { createUser(input: { name: "Again", email: "NINA@acme-support.example" }) { user { id } userErrors { field code } } }`);
    expect(dup.data!.createUser.userErrors).toEqual([{ field: ['input', 'email'], code: 'TAKEN' }]);

    const team = (await h.gql(`mutation { createTeam(input: { name: "Weekend" }) { team { id name } userErrors { code } } }`)).data!.createTeam.team;
    expect(team.name).toBe('Weekend');

    const added = await h.gql(`mutation($t: ID!, $u: ID!) { addTeamMembers(input: { teamId: $t, userIds: [$u] }) { team { members { nodes { id } } } userErrors { code } } }`, { t: team.id, u: user.id });
    expect(added.data!.addTeamMembers).toEqual({ team: { members: { nodes: [{ id: user.id }] } }, userErrors: [] });
    const teamsOfUser = await h.gql(`query($u: ID!) { user(id: $u) { teams { id } } }`, { u: user.id });
    expect(teamsOfUser.data!.user.teams).toEqual([{ id: team.id }]);

    const renamed = await h.gql(`mutation($u: ID!) { updateUser(input: { id: $u, name: "Nina S." }) { user { name } userErrors { code } } }`, { u: user.id });
    expect(renamed.data!.updateUser).toEqual({ user: { name: 'Nina S.' }, userErrors: [] });

    const removed = await h.gql(`mutation($t: ID!, $u: ID!) { removeTeamMembers(input: { teamId: $t, userIds: [$u] }) { team { members { nodes { id } } } userErrors { code } } }`, { t: team.id, u: user.id });
    expect(removed.data!.removeTeamMembers).toEqual({ team: { members: { nodes: [] } }, userErrors: [] });

    const deactivated = await h.gql(`mutation($u: ID!) { deactivateUser(input: { id: $u }) { deactivatedUserId contact { id email } userErrors { code } } }`, { u: user.id });
    expect(deactivated.data!.deactivateUser).toEqual({ deactivatedUserId: user.id, contact: { id: user.id, email: 'nina@acme-support.example' }, userErrors: [] });
    const gone = await h.gql(`query($u: ID!) { user(id: $u) { id } }`, { u: user.id });
    expect(gone.errors![0]!.extensions!.code).toBe('NOT_FOUND');

    const deleted = await h.gql(`mutation($t: ID!) { deleteTeam(input: { id: $t }) { deletedTeamId userErrors { code } } }`, { t: team.id });
    expect(deleted.data!.deleteTeam).toEqual({ deletedTeamId: team.id, userErrors: [] });
    expect((await h.gql(`query($t: ID!) { team(id: $t) { id } }`, { t: team.id })).errors![0]!.extensions!.code).toBe('NOT_FOUND');
  });

  it('team membership with an unknown user writes nothing', async () => {
    const teams = await dixaRead<any[]>(h.sandbox, 'GET', '/v1/teams');
    const [agent] = await dixaReadAll(h.sandbox, '/v1/agents?pageLimit=1');
    h.sandbox.calls.reset();
    const res = await h.gql(`mutation($t: ID!, $u: ID!) { addTeamMembers(input: { teamId: $t, userIds: [$u, "ghost"] }) { userErrors { field code } } }`, { t: teams[3].id, u: agent.id });
    expect(res.data!.addTeamMembers.userErrors).toEqual([{ field: ['input', 'userIds', '1'], code: 'NOT_FOUND' }]);
    const noTeam = await h.gql(`mutation { deleteTeam(input: { id: "ghost" }) { deletedTeamId userErrors { field code } } }`);
    expect(noTeam.data!.deleteTeam).toEqual({ deletedTeamId: null, userErrors: [{ field: ['input', 'id'], code: 'NOT_FOUND' }] });
    const noUser = await h.gql(`mutation { deactivateUser(input: { id: "ghost" }) { userErrors { field code } } }`);
    expect(noUser.data!.deactivateUser.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);
    expect(writes()).toEqual([]);
  });
});
