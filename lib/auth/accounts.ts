// Creating and changing portal users: the CLI, the first-start bootstrap and the admin page all go through
// here, so the same rules (strong hashes, printed-once passwords, at least one admin left) apply everywhere.
import type { Queryable } from '../../db/client';
import { countEnabledAdmins, findUserByEmail, getUserById, insertUser, normalizeEmail, updateUser } from '../../db/queries/users';
import type { User } from '../../db/schema';
import { type AuditEvent, recordAudit } from './audit';
import { AccessInputError } from './errors';
import { generatePassword, hashPassword, passwordProblem } from './password';
import { isUserRole } from './roles';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Who is acting, for the audit log. */
export interface Actor {
  actor: string;
  address?: string | null;
}

export interface CreateUserInput {
  email: string;
  role: string;
  name?: string | null;
  /** A chosen password; when undefined one is generated. */
  password?: string;
  /** No password at all: the user signs in only through the site's OpenID Connect provider. */
  noPassword?: boolean;
}

/** Creates a user; `generatedPassword` is set when we made one up and must be shown exactly once. */
export async function createUser(db: Queryable, input: CreateUserInput, by: Actor): Promise<{ user: User; generatedPassword: string | null }> {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email) || email.length > 320) throw new AccessInputError(`"${input.email}" is not an email address`);
  if (!isUserRole(input.role)) throw new AccessInputError(`"${input.role}" is not a role: use viewer, operator, partner or admin`);
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw new AccessInputError(`the password ${problem}`);
  }
  const generatedPassword = input.noPassword || input.password !== undefined ? null : generatePassword();
  const password = input.password ?? generatedPassword;
  const user = await insertUser(db, {
    email,
    name: input.name ?? null,
    role: input.role,
    passwordHash: password === null ? null : await hashPassword(password),
  });
  if (!user) throw new AccessInputError(`a user with the email ${email} already exists`);
  await audit(db, by, 'user.create', email, { role: user.role, password: password === null ? 'none' : generatedPassword ? 'generated' : 'chosen' });
  return { user, generatedPassword };
}

export async function changeUserRole(db: Queryable, userId: string, role: string, by: Actor): Promise<User> {
  if (!isUserRole(role)) throw new AccessInputError(`"${role}" is not a role: use viewer, operator, partner or admin`);
  const user = await existing(db, userId);
  if (user.role === role) return user;
  if (user.role === 'admin' && !user.disabled) await keepOneAdmin(db, `${user.email} is the last admin: make someone else admin first`);
  const updated = (await updateUser(db, userId, { role }))!;
  await audit(db, by, 'user.role', user.email, { from: user.role, to: role });
  return updated;
}

export async function setUserDisabled(db: Queryable, userId: string, disabled: boolean, by: Actor): Promise<User> {
  const user = await existing(db, userId);
  if (user.disabled === disabled) return user;
  if (disabled && user.role === 'admin') await keepOneAdmin(db, `${user.email} is the last admin and cannot be disabled`);
  const updated = (await updateUser(db, userId, { disabled }))!;
  await audit(db, by, disabled ? 'user.disable' : 'user.enable', user.email);
  return updated;
}

/** Sets a new password (generated when none is given); returns the generated one, to show once. */
export async function resetUserPassword(db: Queryable, email: string, password: string | undefined, by: Actor): Promise<string | null> {
  const user = await findUserByEmail(db, email);
  if (!user) throw new AccessInputError(`there is no user with the email ${normalizeEmail(email)}`);
  if (password !== undefined) {
    const problem = passwordProblem(password);
    if (problem) throw new AccessInputError(`the password ${problem}`);
  }
  const generated = password === undefined ? generatePassword() : null;
  await updateUser(db, user.id, { passwordHash: await hashPassword(password ?? generated!) });
  await audit(db, by, 'user.password_reset', user.email, { password: generated ? 'generated' : 'chosen' });
  return generated;
}

async function existing(db: Queryable, userId: string): Promise<User> {
  const user = await getUserById(db, userId);
  if (!user) throw new AccessInputError('that user no longer exists');
  return user;
}

async function keepOneAdmin(db: Queryable, message: string): Promise<void> {
  if ((await countEnabledAdmins(db)) <= 1) throw new AccessInputError(message);
}

function audit(db: Queryable, by: Actor, action: string, target: string, details?: AuditEvent['details']): Promise<void> {
  return recordAudit({ actor: by.actor, address: by.address ?? null, action, target, details }, db);
}
