// Tests talk only to loopback servers: a fetch to any other host fails loudly instead of leaving
// the machine (the bot's default Launchpad URL is the real one).
const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname)) {
    throw new Error(`test tried to reach ${url.origin}: tests may only use loopback addresses`);
  }
  return realFetch(input, init);
}) as typeof fetch;
