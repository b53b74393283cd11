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

export function mapContact(user: DixaEndUser): ContactModel {
  const emails = emailsOf(user.email, user.additionalEmails);
  const primary = user.email?.trim();
  return {
    id: user.id,
    name: personName(user.displayName, user.firstName, user.lastName),
    firstName: nonEmpty(user.firstName),
    lastName: nonEmpty(user.lastName),
    emails,
    email: primary && isEmail(primary) ? primary : null,
    phones: distinctValues([user.phoneNumber, ...(user.additionalPhoneNumbers ?? [])]),
    externalId: nonEmpty(user.externalId),
    avatarUrl: absoluteUrl(user.avatarUrl),
    customFields: user.customAttributes ? user.customAttributes.map(mapCustomFieldValue) : null,
    createdAt: isoDateTime(user.createdAt),
    updatedAt: null,
    remoteData: user,
  };
}

export function mapRole(role: string): RoleModel {
  return { id: role, name: humanize(role) };
}

export function mapUser(agent: DixaAgent): UserModel {
  const primary = agent.email?.trim();
  return {
    id: agent.id,
    name: personName(agent.displayName, agent.firstName, agent.lastName),
    firstName: nonEmpty(agent.firstName),
    lastName: nonEmpty(agent.lastName),
    email: primary && isEmail(primary) ? primary : null,
    emails: emailsOf(agent.email, agent.additionalEmails),
    phones: distinctValues([agent.phoneNumber, ...(agent.additionalPhoneNumbers ?? [])]),
    avatarUrl: absoluteUrl(agent.avatarUrl),
    isActive: true,
    roles: distinctValues(agent.roles ?? []).map(mapRole),
    createdAt: isoDateTime(agent.createdAt),
    remoteData: agent,
  };
}

export function mapTeam(team: DixaTeam): TeamModel {
  return { id: team.id, name: team.name, remoteData: team };
}
