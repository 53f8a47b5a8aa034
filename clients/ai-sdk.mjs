// Vercel AI SDK with the OpenAI-compatible provider: a tool loop ending in text, and structured output.
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { Output, generateObject, generateText, stepCountIs, streamText, tool } from "ai";
import { z } from "zod";
import { apiKey, baseURL, clip, expect, model, question, run, weather } from "./lib.mjs";

const provider = createOpenAICompatible({
  name: "switchboard",
  baseURL,
  apiKey,
  // Switchboard passes response_format json_schema through; without this the SDK sends json_object.
  supportsStructuredOutputs: true,
});

let calls = 0;
const tools = {
  [weather.name]: tool({
    description: weather.description,
    inputSchema: z.object({ city: z.string() }),
    execute: async (args) => {
      calls++;
      return weather.lookup(args);
    },
  }),
};

function checkLoop(steps, text, finishReason) {
  expect(calls === 1, `expected one tool call, got ${calls}`);
  expect(steps.length === 2, `expected 2 steps (call, answer), got ${steps.length}`);
  expect(finishReason === "stop", `finish reason ${finishReason}`);
  expect(text.length > 0, "no final text");
  return `${steps.length} steps, then ${clip(text)}`;
}

const recipe = z.object({
  title: z.string(),
  servings: z.number().int().min(1).max(12),
  difficulty: z.enum(["easy", "medium", "hard"]),
  vegan: z.boolean().nullable(),
  ingredients: z
    .array(z.object({ name: z.string(), grams: z.number().nonnegative() }))
    .min(1),
  published: z.string().datetime(),
});

await run({
  "ai-sdk generateText tool loop": async () => {
    calls = 0;
    const result = await generateText({
      model: provider(model),
      tools,
      stopWhen: stepCountIs(5),
      prompt: question,
      maxRetries: 0,
    });
    return checkLoop(result.steps, result.text, result.finishReason);
  },
  "ai-sdk streamText tool loop": async () => {
    calls = 0;
    const result = streamText({
      model: provider(model),
      tools,
      stopWhen: stepCountIs(5),
      prompt: question,
      maxRetries: 0,
      onError: ({ error }) => {
        throw error;
      },
    });
    return checkLoop(await result.steps, await result.text, await result.finishReason);
  },
  "ai-sdk generateText with Output.object": async () => {
    const { output } = await generateText({
      model: provider(model),
      output: Output.object({ schema: recipe }),
      prompt: "Invent a recipe.",
      maxRetries: 0,
    });
    recipe.parse(output);
    return `${output.ingredients.length} ingredients, ${output.servings} servings`;
  },
  "ai-sdk generateObject": async () => {
    const { object } = await generateObject({
      model: provider(model),
      schema: recipe,
      prompt: "Invent a recipe.",
      maxRetries: 0,
    });
    recipe.parse(object);
    return `${object.ingredients.length} ingredients, difficulty ${object.difficulty}`;
  },
});
