/** A request a person can fix (a taken email, an unknown instrument): its message names what to change. */
export class AccessInputError extends Error {}
