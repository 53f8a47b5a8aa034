// The openai Node SDK used as an OpenRouter client: OpenRouter's routing fields (provider, models)
// go in the body as extra fields, and the answer names the model and provider that served.
import OpenAI from "openai";
import { apiKey, baseURL, expect, run } from "./lib.mjs";

const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const messages = [{ role: "user", content: "Say hello." }];

async function generation(id) {
  const response = await fetch(`${baseURL}/generation?id=${id}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  expect(response.ok, `generation ${id}: HTTP ${response.status}`);
  return (await response.json()).data;
}

async function pinned() {
  const { data, response } = await client.chat.completions
    .create({
      model: "deepseek/deepseek-v3.2",
      messages,
      provider: { order: ["deepinfra"], allow_fallbacks: false },
    })
    .withResponse();
  expect(data.provider === "DeepInfra", `provider ${data.provider}`);
  expect(data.model === "deepseek/deepseek-v3.2", `model ${data.model}`);
  const row = await generation(response.headers.get("x-generation-id"));
  const tried = row.provider_responses.map((a) => a.provider_name);
  expect(tried.join() === "deepinfra", `attempts ${tried}`);
  return `served by ${data.provider}`;
}

async function modelsFallback() {
  const data = await client.chat.completions.create({
    model: "deepseek/deepseek-v3.2",
    messages,
    provider: { ignore: ["deepseek", "deepinfra"] },
    models: ["moonshotai/kimi-k2.5"],
  });
  expect(data.model === "moonshotai/kimi-k2.5", `model ${data.model}`);
  return `${data.model} via ${data.provider}`;
}

async function streamedSortedByPrice() {
  const stream = await client.chat.completions.create({
    model: "moonshotai/kimi-k2.5",
    messages,
    stream: true,
    provider: { sort: "price", max_price: { prompt: 5, completion: 10 } },
  });
  const providers = new Set();
  let text = "";
  for await (const chunk of stream) {
    providers.add(chunk.provider);
    text += chunk.choices[0]?.delta?.content ?? "";
  }
  expect(providers.size === 1 && !providers.has(undefined), `chunk providers ${[...providers]}`);
  expect(text.length > 0, "no text");
  return `every chunk from ${[...providers][0]}`;
}

async function nothingEligible() {
  try {
    await client.chat.completions.create({
      model: "deepseek/deepseek-v3.2",
      messages,
      provider: { only: ["nobody"] },
    });
  } catch (error) {
    expect(error instanceof OpenAI.NotFoundError, `${error?.constructor?.name}: ${error}`);
    expect(/provider\.only removed/.test(error.message), error.message);
    return `404: ${error.message}`;
  }
  throw new Error("expected a 404");
}

async function fallbackAfterFailure() {
  const { data, response } = await client.chat.completions
    .create(
      { model: "deepseek/deepseek-v3.2", messages },
      { headers: { "x-sim-fault": "status-503" } },
    )
    .withResponse();
  const row = await generation(response.headers.get("x-generation-id"));
  const tried = row.provider_responses.map((a) => `${a.provider_name}:${a.status}`);
  expect(tried.length === 2 && tried[0].endsWith(":503") && tried[1].endsWith(":200"), `${tried}`);
  return `${tried.join(" then ")}, answered by ${data.provider}`;
}

await run({
  "openrouter-routing provider.order without fallbacks": pinned,
  "openrouter-routing models fallback": modelsFallback,
  "openrouter-routing sort and max_price (stream)": streamedSortedByPrice,
  "openrouter-routing nothing eligible is a 404": nothingEligible,
  "openrouter-routing a 503 falls over, attempts in /generation": fallbackAfterFailure,
});
