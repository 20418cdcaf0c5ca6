// Customers, suppliers and employees are roles of one contact: what they share is built here
// (the shared Id, number series, address, timestamps, name rule, delete rules).
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { toContactAddressDto, type ContactAddressDto, type ContactAddressPostDto } from './address.js';
import type { PowerofficegoContext } from './context.js';

export type ContactRole = 'customer' | 'supplier' | 'employee';

interface ContactLike {
  Id: number;
  Number?: number | null;
  MailAddress: ContactAddressDto;
  ContactCreatedDateTimeOffset: string;
  SubledgerAccountId: number;
}

/** What the server sets on every write of a contact role. */
export function contactServerFields(
  role: ContactRole,
  context: PowerofficegoContext,
  input: { Number?: number | null; MailAddress?: ContactAddressPostDto | null },
  previous: ContactLike | undefined,
  fixed: Partial<ContactLike>,
) {
  const now = context.clock.next();
  const collection = context.collections[role];
  return {
    Id: previous?.Id ?? fixed.Id ?? context.contactIds.next(),
    Number:
      input.Number ??
      previous?.Number ??
      context.numbers[role].next((n) => collection.hasUnique('Number', n)),
    MailAddress: toContactAddressDto(input.MailAddress, previous?.MailAddress, now, context.addressIds),
    ContactCreatedDateTimeOffset:
      previous?.ContactCreatedDateTimeOffset ?? fixed.ContactCreatedDateTimeOffset ?? now,
    CreatedFromImportJournalId: null,
    SubledgerAccountId: previous?.SubledgerAccountId ?? context.subledgerAccountIds.next(),
    LastChangedDateTimeOffset: now,
    now,
  };
}

/**
 * A contact's LastChangedDateTimeOffset "do not reflect changes in sub-entities (address, contact
 * person etc)" (the OpenAPI's words): a write that changed its address and nothing else leaves it
 * as it was. Only the address's own timestamp moves then.
 */
export function withContactTimestamp<C extends ContactLike & { LastChangedDateTimeOffset: string }>(
  next: C,
  previous: C | undefined,
): C {
  if (!previous) return next;
  const rest = (contact: C) => ({ ...contact, MailAddress: null, LastChangedDateTimeOffset: null });
  const addressOnly =
    !isDeepStrictEqual(next.MailAddress, previous.MailAddress) &&
    isDeepStrictEqual(rest(next), rest(previous));
  return addressOnly ? { ...next, LastChangedDateTimeOffset: previous.LastChangedDateTimeOffset } : next;
}

interface NamedContact {
  IsPerson?: boolean | null;
  Name?: string | null;
  FirstName?: string | null;
  LastName?: string | null;
}

/** Companies need a Name; people need FirstName and LastName (their Name is made from them). */
export function checkContactName(contact: NamedContact, issues: z.core.$RefinementCtx['addIssue']): void {
  const missing = (field: string) =>
    issues({
      code: 'custom',
      path: [field],
      message: `is required when IsPerson is ${Boolean(contact.IsPerson)}`,
    });
  if (contact.IsPerson) {
    if (!contact.FirstName) missing('FirstName');
    if (!contact.LastName) missing('LastName');
  } else if (!contact.Name) {
    missing('Name');
  }
}

export function contactName(contact: NamedContact): string | null {
  return (
    contact.Name || (contact.IsPerson ? `${contact.FirstName ?? ''} ${contact.LastName ?? ''}`.trim() : null)
  );
}

/** A contact that still has another role cannot be deleted in this one. */
export function otherRoleConflict(
  context: PowerofficegoContext,
  role: ContactRole,
  id: number,
): string | undefined {
  const roles: ContactRole[] = ['customer', 'supplier', 'employee'];
  const other = roles.find((candidate) => candidate !== role && context.collections[candidate].get(id));
  return (
    other &&
    `${capitalise(role)} with id = ${id} is in use and cannot be deleted (the contact is also a ${other}).`
  );
}

/** Contact persons belong to the contact: they go when its last customer/supplier role goes. */
export function removeOrphanContactPersons(context: PowerofficegoContext, id: number): void {
  const { customer, supplier, contactperson } = context.collections;
  if (customer.get(id) || supplier.get(id)) return;
  for (const person of contactperson.values()) if (person.ContactId === id) contactperson.delete(person.Id);
}

function capitalise(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}
