/** §5.4 Phone numbers. Errors here use the MCP body shape {error:{code, details:{message}}} (contract §7.1 shape 2).
 *  While the run is hostile (hostileText.ts) country names, localities and the greeting are payloads; numbers stay valid. */
import { iso } from '../clock';
import type { Sandbox } from '../context';
import { type Ctx, bodyObject, fail, ok, str } from '../http';
import { requireCredits, spend } from '../credits';
import { newId } from '../ids';
import type { Router } from '../router';
import { wording } from '../hostileText';
import type { Json } from '../state';

const E164 = /^\+[1-9]\d{1,14}$/;
/** Where numbers are offered; `base` + a `digits`-long suffix is a valid national number (US/CA: area code + 5550 + 3 digits). */
const COUNTRIES: Record<string, { name: string; prefix: string; base: string; digits: number; city: string }> = {
  US: { name: 'United States', prefix: '+1', base: '4155550', digits: 3, city: 'San Francisco' },
  CA: { name: 'Canada', prefix: '+1', base: '4165550', digits: 3, city: 'Toronto' },
  GB: { name: 'United Kingdom', prefix: '+44', base: '2079460', digits: 3, city: 'London' },
  ES: { name: 'Spain', prefix: '+34', base: '9112345', digits: 2, city: 'Madrid' },
  FR: { name: 'France', prefix: '+33', base: '1400001', digits: 2, city: 'Paris' },
  DE: { name: 'Germany', prefix: '+49', base: '309990', digits: 4, city: 'Berlin' },
};
const VERIFY_CODE = '123456';

const err = (status: number, code: string, message: string, field?: string): never =>
  fail(status, code, message, { shape: 'mcp', details: field ? { field } : undefined });

function findNumber(sb: Sandbox, id: string): Json {
  const n = sb.state.phoneNumbers.find((x) => x.id === id);
  if (!n) err(404, 'phone_number_not_found', `No phone number with id ${id}.`);
  return n as Json;
}

function countryOf(ctx: Ctx, raw: unknown): string {
  const code = typeof raw === 'string' ? raw.toUpperCase() : '';
  if (!code) err(422, 'validation_error', 'country (ISO code such as US) is required.', 'country');
  if (!COUNTRIES[code]) err(403, 'unsupported_country', `KallyAI numbers are not available in ${code}.`, 'country');
  return code;
}

function available(country: string, areaCode?: string) {
  const c = COUNTRIES[country];
  const nanp = country === 'US' || country === 'CA';
  const base = nanp && areaCode ? `${areaCode}5550` : c.base;
  return [11, 27, 48, 63, 85].map((n, i) => {
    const suffix = String(100 + n + i)
      .slice(-c.digits)
      .padStart(c.digits, '0');
    return {
      phone_number: `${c.prefix}${base}${suffix}`,
      iso_country: country,
      locality: nanp && areaCode ? `Area code ${areaCode}` : c.city,
      capabilities: { voice: true, sms: nanp },
      monthly_credits: 5,
    };
  });
}

function phoneFromBody(ctx: Ctx, field = 'phone_number'): string {
  const phone = str(bodyObject(ctx)[field]);
  if (!phone || !E164.test(phone))
    err(422, 'validation_error', `${field} must be in E.164 form, e.g. +12015550100.`, field);
  return phone as string;
}

export function registerPhone(router: Router): void {
  router.get('/v1/phone-numbers', (ctx) => ok({ phone_numbers: ctx.sb.state.phoneNumbers }));
  router.get('/v1/phone-numbers/supported-countries', (ctx) =>
    ok({
      countries: Object.entries(COUNTRIES).map(([code, c], i) => ({
        code,
        iso_country: code,
        name: wording(ctx.sb, 160 + i, c.name),
        prefix: c.prefix,
      })),
    }),
  );
  router.get('/v1/phone-numbers/available', (ctx) => {
    const country = countryOf(ctx, ctx.query.get('country'));
    const taken = new Set(ctx.sb.state.phoneNumbers.map((n) => n.phone_number));
    const numbers = available(country, ctx.query.get('area_code') ?? undefined).filter(
      (n) => !taken.has(n.phone_number),
    );
    return ok({ country, numbers: numbers.map((n, i) => ({ ...n, locality: wording(ctx.sb, 166 + i, n.locality) })) });
  });
  router.post('/v1/phone-numbers/provision', (ctx) => {
    const b = bodyObject(ctx);
    const country = countryOf(ctx, b.country);
    const taken = new Set(ctx.sb.state.phoneNumbers.map((n) => n.phone_number));
    const wanted = str(b.phone_number);
    const areaCode =
      str(b.area_code) ?? (wanted && (country === 'US' || country === 'CA') ? wanted.slice(2, 5) : undefined);
    const offered = available(country, areaCode).filter((n) => !taken.has(n.phone_number));
    // A number picked from the available list is provisioned as picked; else the first free one.
    const pick = wanted ? offered.find((n) => n.phone_number === wanted) : offered[0];
    if (wanted && !pick)
      err(409, 'number_not_available', `${wanted} is no longer available. Pick another number.`, 'phone_number');
    if (!pick) err(409, 'no_numbers_available', 'No more numbers are available for this area.');
    // The first month is charged now; the number costs its monthly credits until it is released.
    const monthly = pick?.monthly_credits ?? 0;
    requireCredits(ctx.sb, monthly);
    spend(ctx.sb, monthly, 'phone_number', `Phone number ${pick?.phone_number}: first month`);
    const number = {
      id: newId(),
      phone_number: pick?.phone_number,
      iso_country: country,
      friendly_name: pick?.phone_number,
      status: 'active',
      forwarding_number: null,
      caller_id_name: ctx.sb.state.user.name,
      verified: true,
      capabilities: pick?.capabilities,
      created_at: iso(),
    };
    ctx.sb.state.phoneNumbers.push(number);
    return ok(number);
  });
  router.get('/v1/phone-numbers/forwarding-targets', (ctx) => ok({ targets: ctx.sb.state.forwardingTargets }));
  router.post('/v1/phone-numbers/forwarding', (ctx) => {
    const phone = phoneFromBody(ctx);
    const existing = ctx.sb.state.forwardingTargets.find((t) => t.phone_number === phone);
    if (existing) return ok(existing);
    const target = {
      id: newId(),
      phone_number: phone,
      label: str(bodyObject(ctx).label) ?? 'My phone',
      verified: !!ctx.sb.state.verifications[phone]?.verified,
      created_at: iso(),
    };
    ctx.sb.state.forwardingTargets.push(target);
    return ok(target);
  });
  router.post('/v1/phone-numbers/verify/start', (ctx) => {
    const phone = phoneFromBody(ctx);
    ctx.sb.state.verifications[phone] = { code: VERIFY_CODE, verified: false };
    return ok({
      success: true,
      phone_number: phone,
      status: 'pending',
      channel: 'sms',
      expires_in: 600,
      sandbox_code: VERIFY_CODE,
    });
  });
  router.post('/v1/phone-numbers/verify/check', (ctx) => {
    const phone = phoneFromBody(ctx);
    const v = ctx.sb.state.verifications[phone];
    if (!v) err(400, 'verification_not_started', 'Start the verification first.');
    if (String(bodyObject(ctx).code ?? '') !== v?.code)
      err(400, 'invalid_code', 'The verification code is wrong.', 'code');
    (v as { verified: boolean }).verified = true;
    for (const t of ctx.sb.state.forwardingTargets) if (t.phone_number === phone) t.verified = true;
    return ok({ success: true, phone_number: phone, verified: true, status: 'approved' });
  });
  router.post('/v1/phone-numbers/verify/configure', (ctx) => {
    const b = bodyObject(ctx);
    return ok({ success: true, configured: true, channel: str(b.channel) ?? 'sms', code_length: 6 });
  });
  router.get('/v1/phone-numbers/{id}', (ctx) => ok(findNumber(ctx.sb, ctx.params.id)));
  router.get('/v1/phone-numbers/{id}/details', (ctx) => {
    const n = findNumber(ctx.sb, ctx.params.id);
    return ok({
      ...n,
      configuration: {
        receptionist_enabled: true,
        voicemail_enabled: true,
        recording_enabled: true,
        rules_count: ctx.sb.state.rules.length,
        greeting: wording(ctx.sb, 171, `Hello, you've reached ${ctx.sb.state.user.name}'s assistant.`),
      },
    });
  });
  router.put('/v1/phone-numbers/{id}/forwarding', (ctx) => {
    const n = findNumber(ctx.sb, ctx.params.id);
    n.forwarding_number = phoneFromBody(ctx, 'forwarding_number');
    return ok(n);
  });
  router.delete('/v1/phone-numbers/{id}/forwarding', (ctx) => {
    const n = findNumber(ctx.sb, ctx.params.id);
    n.forwarding_number = null;
    return ok(n);
  });
  router.post('/v1/phone-numbers/{id}/verify', (ctx) => {
    const n = findNumber(ctx.sb, ctx.params.id);
    n.verified = true;
    return ok({ success: true, id: n.id, verified: true });
  });
  router.put('/v1/phone-numbers/{id}/caller-id', (ctx) => {
    const n = findNumber(ctx.sb, ctx.params.id);
    const name = str(bodyObject(ctx).caller_id_name);
    if (!name || name.length > 15)
      err(422, 'validation_error', 'caller_id_name is required (at most 15 characters).', 'caller_id_name');
    n.caller_id_name = name;
    return ok(n);
  });
  router.delete('/v1/phone-numbers/{id}', (ctx) => {
    const n = findNumber(ctx.sb, ctx.params.id);
    ctx.sb.state.phoneNumbers = ctx.sb.state.phoneNumbers.filter((x) => x !== n);
    return ok({ success: true, id: n.id, phone_number: n.phone_number, status: 'released' });
  });
}
