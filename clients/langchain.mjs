// LangChain's ChatOpenAI: a bindTools turn (call, tool result, text answer) and withStructuredOutput.
import { ChatOpenAI } from "@langchain/openai";
import { HumanMessage, ToolMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { apiKey, baseURL, clip, expect, model, question, run, weather } from "./lib.mjs";

const chat = new ChatOpenAI({ model, apiKey, configuration: { baseURL }, maxRetries: 0 });

const getWeather = tool(async (args) => JSON.stringify(weather.lookup(args)), {
  name: weather.name,
  description: weather.description,
  schema: z.object({ city: z.string() }),
});

const answer = z.object({
  city: z.string(),
  temperature: z.number(),
  unit: z.enum(["celsius", "fahrenheit"]),
  tags: z.array(z.string()),
});

await run({
  "langchain bindTools turn": async () => {
    const withTools = chat.bindTools([getWeather]);
    const messages = [new HumanMessage(question)];
    const first = await withTools.invoke(messages);
    expect(first.tool_calls?.length === 1, `expected one tool call: ${JSON.stringify(first.tool_calls)}`);
    messages.push(first, await getWeather.invoke(first.tool_calls[0]));
    expect(messages.at(-1) instanceof ToolMessage, "the tool gave no ToolMessage");
    const second = await withTools.invoke(messages);
    expect(!second.tool_calls?.length, `called a tool again: ${JSON.stringify(second.tool_calls)}`);
    expect(typeof second.content === "string" && second.content.length > 0, "no text answer");
    return `tool call, then ${clip(second.content)}`;
  },
  "langchain withStructuredOutput": async () => {
    const result = await chat.withStructuredOutput(answer).invoke("What is the weather in Oslo?");
    answer.parse(result);
    return JSON.stringify(result).slice(0, 80);
  },
  "langchain withStructuredOutput (jsonSchema)": async () => {
    const result = await chat
      .withStructuredOutput(answer, { method: "jsonSchema" })
      .invoke("What is the weather in Oslo?");
    answer.parse(result);
    return JSON.stringify(result).slice(0, 80);
  },
});
