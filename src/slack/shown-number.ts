import { formatForPeople } from "../phone/index.js";

/** A number in progress notes: E.164 formatted for people; anything else (not yet parsed) as typed. */
export function shownNumber(number: string): string {
  return /^\+\d+$/.test(number) ? formatForPeople(number) : number;
}
