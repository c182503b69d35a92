'use strict';
// Replaces the native Matrix crypto bindings: end-to-end encryption is disabled.
// Loading is harmless; calling or constructing anything throws.
function unavailable(name) {
  return function () { throw new Error(`matrix crypto stub: ${String(name)} is unavailable (E2EE disabled)`); };
}
module.exports = new Proxy({}, {
  get(_target, name) {
    if (name === 'then') return undefined; // not a thenable
    if (name === '__esModule') return false;
    return unavailable(name);
  },
});
