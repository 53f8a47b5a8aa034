// Shared by the client checks: where the gateway is, a request counter, and PASS/FAIL reporting.
export const baseURL = required("SWITCHBOARD_BASE_URL"); // e.g. http://127.0.0.1:8080/v1
export const apiKey = required("SWITCHBOARD_KEY");
export const model = process.env.SWITCHBOARD_MODEL ?? "deepseek/deepseek-v3.2";

// Every client below uses the global fetch, so counting here counts the requests each check sends.
let requests = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = (...args) => {
  requests++;
  return realFetch(...args);
};

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set`);
    process.exit(2);
  }
  return value;
}

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Runs the named checks in order; prints one PASS/FAIL line each; exits 1 if any failed. */
export async function run(checks) {
  let failed = 0;
  for (const [name, check] of Object.entries(checks)) {
    const before = requests;
    const started = Date.now();
    try {
      const detail = await check();
      console.log(`PASS ${name} (${requests - before} requests, ${Date.now() - started} ms)${detail ? ": " + detail : ""}`);
    } catch (error) {
      failed++;
      console.log(`FAIL ${name} (${requests - before} requests, ${Date.now() - started} ms): ${error?.stack ?? error}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

/** A weather lookup every check's tool uses: the model must call it, then answer in text. */
export const weather = {
  name: "get_weather",
  description: "Get the current weather for a city",
  lookup: ({ city }) => ({ city, temperature: 21, sky: "clear" }),
};

export const question = "What is the weather in Paris right now?";

export const clip = (text) => JSON.stringify(String(text).slice(0, 80));
