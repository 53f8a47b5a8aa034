// The official openai Node SDK: chat.completions.runTools runs the tool loop to a text answer.
import OpenAI from "openai";
import { clip, expect, model, question, run, weather, apiKey, baseURL } from "./lib.mjs";

const client = new OpenAI({ baseURL, apiKey, maxRetries: 0 });

async function runTools(stream) {
  let calls = 0;
  const runner = client.chat.completions.runTools({
    model,
    stream,
    messages: [{ role: "user", content: question }],
    tools: [
      {
        type: "function",
        function: {
          name: weather.name,
          description: weather.description,
          parameters: {
            type: "object",
            properties: { city: { type: "string" } },
            required: ["city"],
            additionalProperties: false,
          },
          parse: JSON.parse,
          function: (args) => {
            calls++;
            expect(typeof args.city === "string", `city is not a string: ${JSON.stringify(args)}`);
            return weather.lookup(args);
          },
        },
      },
    ],
  });
  const content = await runner.finalContent();
  expect(calls === 1, `expected one tool call, got ${calls}`);
  expect(typeof content === "string" && content.length > 0, `no final text: ${content}`);
  return `1 tool call, then ${clip(content)}`;
}

await run({
  "openai-sdk runTools": () => runTools(false),
  "openai-sdk runTools (stream)": () => runTools(true),
});
