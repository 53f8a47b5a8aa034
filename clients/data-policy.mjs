// The data policy seen by the openai Node SDK: the demo runs the example policy
// (src/main/resources/policy.yaml). An email is redacted before it reaches the provider and restored
// in the answer (the simulated model repeats what it received after "Repeat after me:"), a card
// number keeps the request on zero-retention US/EU providers, and the scan API explains both.
import OpenAI from "openai";
import { apiKey, baseURL, expect, run } from "./lib.mjs";

const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });
const root = baseURL.replace(/\/v1$/, "");
const email = "jane.doe@example.com";
const phone = "+1 415 555 0142";
const card = "4111 1111 1111 1111";

async function generation(id) {
  const response = await fetch(`${baseURL}/generation?id=${id}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  expect(response.ok, `generation ${id}: HTTP ${response.status}`);
  return (await response.json()).data;
}

function redactedRow(row) {
  expect(row.data_class === "confidential", `data_class ${row.data_class}`);
  expect(row.policy_action === "redact", `policy_action ${row.policy_action}`);
  const types = String(row.finding_types);
  expect(types.includes("EMAIL") && types.includes("PHONE"), `finding_types ${types}`);
  expect(!JSON.stringify(row).includes(email), "the ledger row holds the email");
}

async function redactedAndRestoredStream() {
  const { data: stream, response } = await client.chat.completions
    .create({
      model: "deepseek/deepseek-v3.2",
      messages: [{ role: "user", content: `Repeat after me: write to ${email} or call ${phone} today` }],
      stream: true,
    })
    .withResponse();
  let text = "";
  let chunks = 0;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? "";
    chunks++;
  }
  expect(text.includes(email) && text.includes(phone), `answer ${JSON.stringify(text)}`);
  expect(!text.includes("<EMAIL_") && !text.includes("<PHONE_"), `a placeholder leaked: ${text}`);
  const row = await generation(response.headers.get("x-generation-id"));
  redactedRow(row);
  expect(row.provider_name !== "DeepSeek", "confidential data went to a provider that trains on it");
  return `${chunks} chunks, restored, served by ${row.provider_name}`;
}

async function redactedAndRestoredUnary() {
  const { data, response } = await client.chat.completions
    .create({
      model: "deepseek/deepseek-v3.2",
      messages: [{ role: "user", content: `Repeat after me: ${email} / ${phone}` }],
    })
    .withResponse();
  const text = data.choices[0].message.content;
  expect(text.includes(email) && text.includes(phone), `answer ${JSON.stringify(text)}`);
  redactedRow(await generation(response.headers.get("x-generation-id")));
  return "restored";
}

async function regulatedStaysOnApprovedProviders() {
  const messages = [{ role: "user", content: `Refund the card ${card}, please.` }];
  const data = await client.chat.completions.create({ model: "moonshotai/kimi-k2.5", messages });
  expect(String(data.provider).startsWith("Fireworks"), `served by ${data.provider}`);
  try {
    await client.chat.completions.create({ model: "deepseek/deepseek-v3.2", messages });
    throw new Error("a card number was routed to deepseek-v3.2, which no approved provider serves");
  } catch (error) {
    expect(error.status === 404, `status ${error.status}: ${error.message}`);
    expect(String(error.message).includes("policy.classes.regulated"), error.message);
    expect(!String(error.message).includes("4111"), "the error echoes the card number");
  }
  return "kimi-k2.5 on Fireworks; deepseek-v3.2 refused naming the rule";
}

async function headerRaisesTheClass() {
  try {
    await client.chat.completions.create(
      { model: "deepseek/deepseek-v3.2", messages: [{ role: "user", content: "Say hello." }] },
      { headers: { "X-Data-Class": "regulated" } },
    );
    throw new Error("X-Data-Class: regulated was routed like a public request");
  } catch (error) {
    expect(error.status === 404, `status ${error.status}: ${error.message}`);
  }
  return "regulated by header: 404";
}

async function scanExplains() {
  const response = await fetch(`${root}/api/v1/policy/scan`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      model: "moonshotai/kimi-k2.5",
      messages: [{ role: "user", content: `card ${card} for ${email}` }],
    }),
  });
  expect(response.ok, `scan: HTTP ${response.status}`);
  const body = await response.text();
  expect(!body.includes("4111") && !body.includes(email), "the scan returned the matched text");
  const scan = JSON.parse(body);
  expect(scan.data_class === "regulated", `data_class ${scan.data_class}`);
  const types = scan.findings.map((f) => f.type).sort().join();
  expect(types === "CREDIT_CARD,EMAIL", `findings ${types}`);
  const where = scan.eligible_deployments.map((d) => d.provider).join();
  expect(where === "fireworks", `eligible ${where}`);
  return `${scan.rule}: ${types} -> ${where}`;
}

await run({
  redactedAndRestoredStream,
  redactedAndRestoredUnary,
  regulatedStaysOnApprovedProviders,
  headerRaisesTheClass,
  scanExplains,
});
