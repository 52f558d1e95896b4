/** Where KallyAI can place calls, and the short codes it must never dial.
 *  Contract §1: "Calls can go to the US, Canada, the UK, Spain and most European countries.
 *  Emergency numbers (911, 112, …) are blocked." We keep the EU/EEA, Switzerland, the UK with
 *  its Crown Dependencies and the European micro-states; everything else is refused locally
 *  with `unsupported_country`. The phone metadata bundled with the extension is generated from
 *  this list (buildPhoneMetadata.ts), so a number outside it cannot be validated anyway. */
export const SUPPORTED_COUNTRIES = [
  'US', 'CA',
  'GB', 'GG', 'JE', 'IM',
  'ES', 'AD', 'PT', 'FR', 'MC', 'BE', 'NL', 'LU', 'DE', 'AT', 'CH', 'LI', 'IT', 'SM', 'VA', 'MT',
  'IE', 'DK', 'SE', 'NO', 'FI', 'AX', 'IS', 'EE', 'LV', 'LT', 'PL', 'CZ', 'SK', 'HU', 'SI', 'HR',
  'RO', 'BG', 'GR', 'CY',
] as const;

/** Emergency and public-safety short codes across the world (police, fire, ambulance, crisis
 *  lines). Refused whether typed bare ("112"), national ("0112") or after a country code ("+34112"). */
export const EMERGENCY_SHORT_CODES: ReadonlySet<string> = new Set([
  '911', '112', '999', '000', '110', '119', '118', '100', '101', '102', '103', '104', '105', '108',
  '15', '17', '18', '061', '062', '080', '085', '088', '091', '092', '113', '114', '115', '116',
  '117', '122', '123', '133', '150', '155', '190', '192', '193', '197', '933', '988',
  '111', '1006', '116000', '116111', '116117', '116123',
]);

/** Premium-rate / shared-cost prefixes (E.164) refused even when the phone metadata does not
 *  classify a number (unassigned ranges, televoting, pay-per-call blocks). The metadata's
 *  PREMIUM_RATE / SHARED_COST types cover the rest.
 *  US/CA 900, 976 · GB 09xx, 0871/0872/0873 · ES 803, 806, 807, 905 · FR 089x, 0836 · DE 0900, 0137, 0180 ·
 *  IT 89x, 144, 166 · NL 0900, 0906, 0909 · BE 090x · AT 0900, 0930, 0939 · CH 0900, 0901, 0906 · PT 760, 761, 762. */
export const PREMIUM_PREFIXES: readonly string[] = [
  '+1900', '+1976',
  '+449', '+44871', '+44872', '+44873',
  '+34803', '+34806', '+34807', '+34905',
  '+3389', '+33836',
  '+49900', '+49137', '+49180',
  '+3989', '+39144', '+39166',
  '+31900', '+31906', '+31909',
  '+32900', '+32901', '+32902', '+32903', '+32904', '+32905', '+32906', '+32907', '+32908', '+32909',
  '+43900', '+43930', '+43939',
  '+41900', '+41901', '+41906',
  '+351760', '+351761', '+351762',
];
