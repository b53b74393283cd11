/** Dixa end users, agents, teams → Contact, User, Team. */
import type { DixaAgent, DixaEndUser, DixaTeam } from '../dixa/wire.ts';
import type { ContactModel, RoleModel, TeamModel, UserModel } from './models.ts';
import { mapCustomFieldValue } from './tickets.ts';
import { absoluteUrl, distinctValues, humanize, isEmail, isoDateTime, nonEmpty } from './values.ts';

function personName(displayName: string | null | undefined, first?: string | null, last?: string | null) {
  return nonEmpty(displayName) ?? nonEmpty([first, last].filter(Boolean).join(' '));
}

function emailsOf(primary: string | null | undefined, additional: string[] | null | undefined): string[] {
  return distinctValues([primary, ...(additional ?? [])], true).filter(isEmail);
}

/** The person fields end users and agents share. */
function mapPerson(person: DixaEndUser | DixaAgent) {
  const primary = person.email?.trim();
  return {
    id: person.id,
    name: personName(person.displayName, person.firstName, person.lastName),
    firstName: nonEmpty(person.firstName),
    lastName: nonEmpty(person.lastName),
    email: primary && isEmail(primary) ? primary : null,
    emails: emailsOf(person.email, person.additionalEmails),
    phones: distinctValues([person.phoneNumber, ...(person.additionalPhoneNumbers ?? [])]),
    avatarUrl: absoluteUrl(person.avatarUrl),
    createdAt: isoDateTime(person.createdAt),
  };
}

export function mapContact(user: DixaEndUser): ContactModel {
  return {
    ...mapPerson(user),
    externalId: nonEmpty(user.externalId),
    customFields: user.customAttributes ? user.customAttributes.map(mapCustomFieldValue) : null,
    updatedAt: null,
    remoteData: user,
  };
}

export function mapRole(role: string): RoleModel {
  return { id: role, name: humanize(role) };
}

export function mapUser(agent: DixaAgent): UserModel {
  return {
    ...mapPerson(agent),
    isActive: true,
    roles: distinctValues(agent.roles ?? []).map(mapRole),
    remoteData: agent,
  };
}

export function mapTeam(team: DixaTeam): TeamModel {
  return { id: team.id, name: team.name, remoteData: team };
}
