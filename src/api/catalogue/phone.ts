import { defineDomain } from '../operation';
import * as s from '../schemas/phone';

const num = '/v1/phone-numbers/{id}';

/** KallyAI phone numbers (contract §5.4). Provisioning costs money; releasing cannot be undone. */
export const phone = defineDomain('phone', {
  list: { method: 'GET', path: '/v1/phone-numbers', response: s.PhoneNumberList, summary: 'Your KallyAI numbers' },
  get: { method: 'GET', path: num, response: s.PhoneNumber, summary: 'A number' },
  details: { method: 'GET', path: `${num}/details`, response: s.Result, summary: 'Capabilities and configuration of a number' },
  supportedCountries: { method: 'GET', path: '/v1/phone-numbers/supported-countries', response: s.Result, summary: 'Countries where numbers can be provisioned' },
  available: { method: 'GET', path: '/v1/phone-numbers/available', query: s.AvailableQuery, response: s.Result, summary: 'Numbers available to provision' },
  provision: { method: 'POST', path: '/v1/phone-numbers/provision', body: s.ProvisionBody, response: s.PhoneNumber, costsCredits: true, changes: ['phoneNumbers', 'credits'], summary: 'Provision a new number' },
  forwardingTargets: { method: 'GET', path: '/v1/phone-numbers/forwarding-targets', response: s.Result, summary: 'Registered hand-off targets' },
  registerForwarding: { method: 'POST', path: '/v1/phone-numbers/forwarding', body: s.RegisterForwardingBody, response: s.Result, changes: ['phoneNumbers'], summary: 'Register your own phone as a hand-off target' },
  setForwarding: { method: 'PUT', path: `${num}/forwarding`, body: s.SetForwardingBody, response: s.Result, changes: ['phoneNumbers'], summary: 'Forward a number' },
  removeForwarding: { method: 'DELETE', path: `${num}/forwarding`, response: s.Result, idempotent: true, changes: ['phoneNumbers'], summary: 'Stop forwarding a number' },
  verifyStart: { method: 'POST', path: '/v1/phone-numbers/verify/start', body: s.VerifyStartBody, response: s.Result, contactsPeople: true, summary: 'Send a verification code to a phone' },
  verifyCheck: { method: 'POST', path: '/v1/phone-numbers/verify/check', body: s.VerifyCheckBody, response: s.Result, changes: ['phoneNumbers'], summary: 'Check a verification code' },
  verifyConfigure: { method: 'POST', path: '/v1/phone-numbers/verify/configure', body: s.VerifyConfigureBody, response: s.Result, changes: ['phoneNumbers'], summary: 'Configure phone verification' },
  verifyNumber: { method: 'POST', path: `${num}/verify`, body: s.VerifyNumberBody, response: s.Result, changes: ['phoneNumbers'], summary: 'Prove ownership of a number' },
  setCallerId: { method: 'PUT', path: `${num}/caller-id`, body: s.CallerIdBody, response: s.Result, changes: ['phoneNumbers'], summary: 'Set the caller-ID name' },
  release: { method: 'DELETE', path: num, response: s.Result, irreversible: true, changes: ['phoneNumbers'], summary: 'Release a number (it cannot be recovered)' },
});
