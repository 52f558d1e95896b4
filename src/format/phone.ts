/** Phone numbers as people read them ("+1 201 555 0100"), wherever one is shown. */
export { formatPhoneNumber as phoneForPeople } from '../api/validation/phone';
