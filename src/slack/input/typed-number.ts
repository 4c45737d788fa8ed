import { type CountryCode, InvalidPhoneNumberError, parsePhoneInput } from "../../phone/index.js";
import { EXAMPLE_NUMBER } from "../text/text-rules.js";

export const NUMBER_INPUT_MAX_LENGTH = 40;

const HOW_TO_TYPE = `Type the number with its country code, like ${EXAMPLE_NUMBER}.`;

/**
 * Why the number typed in the report modal cannot be read, in a sentence to show under the field; undefined when
 * it can. Read as the core will read it (numbers typed without "+" belong to the business country), so the modal
 * only closes on a number the report can go ahead with. A number that reads but is not valid where it points is
 * left to the core, which reports it with a warning as it does for the command.
 */
export function typedNumberProblem(typed: string, businessCountry: CountryCode): string | undefined {
  if (typed.trim() === "") return `No number was typed. ${HOW_TO_TYPE}`;
  try {
    parsePhoneInput(typed, businessCountry);
    return undefined;
  } catch (error) {
    if (error instanceof InvalidPhoneNumberError) return `${error.message}. ${HOW_TO_TYPE}`;
    throw error;
  }
}
