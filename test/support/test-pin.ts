/** The PIN every test operator is given (meets the default rule: 6 digits, not a run, not all the same). */
export const TEST_PIN = '246813';
