/** End users, agents and teams. */
import DataLoader from 'dataloader';
import type { LimitFunction } from 'p-limit';
import { PAGE_LIMIT } from '../dixa/assumptions.ts';
import type { DixaApi } from '../dixa/api.ts';
import type { DixaAgent, DixaEndUser } from '../dixa/wire.ts';
import { mapContact, mapTeam, mapUser } from '../mapping/directory.ts';
import type { ContactModel, TeamModel, UserModel } from '../mapping/models.ts';
import { byIdLoader, collectAll, indexLoader, once, orNull, pageLoader, perKeyLoader, settle } from './util.ts';

const emailKey = (email: string) => email.trim().toLowerCase();

export function contactLoaders(dixa: DixaApi, limit: LimitFunction) {
  /** GET /endusers/{id}: the only source of a contact's custom attributes. */
  const contactDetail = byIdLoader('contactDetail', limit, async (id) => {
    const user = await orNull(() => dixa.getEndUser(id));
    return user && mapContact(user);
  });
  /** Any view of a contact: a list item is enough unless custom fields are asked for. */
  const contact = perKeyLoader<string, ContactModel | null>('contact', (id) => contactDetail.load(id));
  const primeContacts = (users: DixaEndUser[]) => {
    for (const u of users) contact.prime(u.id, mapContact(u));
  };
  const contactByEmail = perKeyLoader<string, ContactModel | null>(
    'contactByEmail',
    async (email) => {
      const page = await limit(() => dixa.listEndUsers({ email }, { pageLimit: 1 }));
      const found = page.items[0] ? mapContact(page.items[0]) : null;
      if (found) contact.prime(found.id, found);
      return found;
    },
    emailKey,
  );
  const contactPage = pageLoader<{ email?: string }, DixaEndUser>(
    'contactPage',
    (filter, pageKey, pageLimit) => dixa.listEndUsers(filter, { pageKey, pageLimit }),
    primeContacts,
  );
  return { contact, contactDetail, contactByEmail, contactPage };
}

export function userLoaders(dixa: DixaApi, limit: LimitFunction) {
  /** The whole agent list, fetched at most once per request; serves every multi-id lookup. */
  const directory = once(async () => {
    const agents = await collectAll((pageKey, pageLimit) => dixa.listAgents({}, { pageKey, pageLimit }), PAGE_LIMIT.agents);
    const byId = new Map<string, UserModel>();
    const byEmail = new Map<string, UserModel>();
    for (const agent of agents) {
      const model = mapUser(agent);
      byId.set(model.id, model);
      for (const email of model.emails) byEmail.set(emailKey(email), model);
    }
    return { all: [...byId.values()], byId, byEmail };
  });

  const getAgent = async (id: string) => {
    const agent = await orNull(() => limit(() => dixa.getAgent(id)));
    return agent && mapUser(agent);
  };

  /**
   * One id and no list fetched yet: GET /agents/{id}. More: the agent list (one call per 100
   * agents) instead of one call per id; ids it lacks are fetched singly (a downgraded agent).
   */
  const user = new DataLoader<string, UserModel | null>(
    async (ids) => {
      if (ids.length === 1 && !directory.started) return settle(ids, getAgent);
      const { byId } = await directory.get();
      return settle(ids, async (id) => byId.get(id) ?? getAgent(id));
    },
    { name: 'user' },
  );

  const userByEmail = new DataLoader<string, UserModel | null>(
    async (emails) => {
      if (emails.length === 1 && !directory.started) {
        return settle(emails, async (email) => {
          const page = await limit(() => dixa.listAgents({ email }, { pageLimit: 1 }));
          const agent = page.items[0];
          return agent ? mapUser(agent) : null;
        });
      }
      const { byEmail } = await directory.get();
      return emails.map((email) => byEmail.get(emailKey(email)) ?? null);
    },
    { name: 'userByEmail', cacheKeyFn: emailKey },
  );

  const primeUsers = (agents: DixaAgent[]) => {
    for (const a of agents) user.prime(a.id, mapUser(a));
  };
  const userPage = pageLoader<{ email?: string }, DixaAgent>(
    'userPage',
    (filter, pageKey, pageLimit) => dixa.listAgents(filter, { pageKey, pageLimit }),
    primeUsers,
  );

  /** Team ids of an agent (GET /agents/{id}/teams). */
  const userTeamIds = perKeyLoader<string, string[]>('userTeamIds', async (id) => (await limit(() => dixa.listAgentTeams(id))).map((t) => t.id));

  return { user, userByEmail, userPage, userTeamIds, userDirectory: directory };
}

export function teamLoaders(dixa: DixaApi, limit: LimitFunction) {
  const directory = once(async () => (await dixa.listTeams()).map(mapTeam));
  const team = indexLoader<TeamModel>('team', directory.get);
  /** Agent ids of a team (GET /teams/{id}/agents); the agents themselves come through `user`. */
  const teamMemberIds = perKeyLoader<string, string[]>(
    'teamMemberIds',
    async (id) => (await orNull(() => limit(() => dixa.listTeamMembers(id))))?.map((m) => m.id) ?? [],
  );
  return { team, teams: directory, teamMemberIds };
}
