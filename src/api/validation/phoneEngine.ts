/** libphonenumber-js with the metadata of the countries KallyAI calls: about 60 KB that nothing
 *  needs until a phone number is checked or formatted. The build makes it a bundle of its own
 *  (dist/phoneEngine.js) that phone.ts loads on first use, so activation does not load it. */
import {
  parsePhoneNumberFromString,
  type CountryCode,
  type MetadataJson,
  type PhoneNumber,
} from 'libphonenumber-js/core';
import metadata from './phoneMetadata.json';

export function parsePhone(text: string, defaultCountry?: CountryCode): PhoneNumber | undefined {
  return parsePhoneNumberFromString(
    text,
    defaultCountry ? { defaultCountry } : {},
    metadata as unknown as MetadataJson,
  );
}
