/**
 * `client.chat.completions.runTools(params)`: openai-node's automated
 * function calling. Each tool carries the function that answers it; the
 * runner calls the model, runs the functions it asks for, sends their results
 * back, and goes on until the model answers without a tool call (or after
 * `maxChatCompletions` rounds, default 10).
 *
 *   const runner = client.chat.completions.runTools({
 *     model, messages,
 *     tools: [{ type: 'function', function: { name: 'weather', function: weather, parse: JSON.parse, parameters } }],
 *   });
 *   runner.on('functionToolCallResult', (result) => console.log(result));
 *   console.log(await runner.finalContent());
 *
 * With `stream: true` each round streams, and the runner emits the chunk
 * events of ChatCompletionStream (`content`, `chunk`, `content.delta`,
 * `tool_calls.function.arguments.done`, …) as they arrive.
 * A tool made by `zodFunction({ name, parameters, function })` works too: its
 * arguments are validated by the schema.
 */
import type { RequestOptions } from '../core/request.js';
import { ClientError } from '../core/errors.js';
import { EventStream, type BaseStreamEvents } from './EventStream.js';
import { ChatCompletionStream, type ChatCompletionStreamEvents } from './ChatCompletionStream.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessage,
  Completions,
  CompletionUsage,
} from '../resources/chat/completions/completions.js';
import type { ChatCompletionMessageFunctionToolCall } from '../resources/chat/completions/messages.js';

type MessageParam = ChatCompletionCreateParamsBase['messages'][number];

/** A function the runner may call: with `parse`, the arguments it gives; else the arguments' JSON text. */
export interface RunnableFunction<Args = unknown> {
  function: (args: Args, runner: ChatCompletionRunner) => unknown;
  parse?: (input: string) => Args;
  parameters: Record<string, unknown>;
  /** Defaults to the function's own name. */
  name?: string;
  description?: string;
  strict?: boolean;
}

export interface RunnableToolFunction<Args = unknown> {
  type: 'function';
  function: RunnableFunction<Args>;
}

/** What `zodFunction({ …, function })` makes: a tool whose callback takes the validated arguments. */
interface ZodTool {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean | null };
  $parseRaw(args: string): unknown;
  $callback?: (args: never) => unknown;
}

// `any`: each tool's `function` takes its own `parse`'s output, which a list of tools cannot name one by one.
export type RunnableTools = Array<RunnableToolFunction<any> | ZodTool>;

export type ChatCompletionToolRunnerParams = Omit<ChatCompletionCreateParamsBase, 'tools' | 'stream'> & {
  tools: RunnableTools;
  stream?: boolean | null;
};

export interface RunnerOptions extends RequestOptions {
  /** The most chat completions the runner makes (default 10). */
  maxChatCompletions?: number;
}

/** The events a streaming round passes on as its ChatCompletionStream emits them. */
const STREAM_EVENTS = [
  'chunk',
  'content.delta',
  'content.done',
  'refusal.delta',
  'refusal.done',
  'tool_calls.function.arguments.delta',
  'tool_calls.function.arguments.done',
  'logprobs.content.delta',
  'logprobs.content.done',
  'logprobs.refusal.delta',
  'logprobs.refusal.done',
] as const;

type StreamEvent = (typeof STREAM_EVENTS)[number];

export interface ChatCompletionRunnerEvents
  extends BaseStreamEvents, Pick<ChatCompletionStreamEvents, Exclude<StreamEvent, 'chunk'>> {
  message: (message: MessageParam | ChatCompletionMessage) => void;
  chatCompletion: (completion: ChatCompletion) => void;
  functionToolCall: (call: ChatCompletionMessageFunctionToolCall['function']) => void;
  functionToolCallResult: (content: string) => void;
  /** A message's text (the whole of it; with `stream: true`, also each delta). */
  content: (content: string, snapshot?: string) => void;
  chunk: (chunk: ChatCompletionChunk, snapshot: unknown) => void;
  finalContent: (content: string) => void;
  finalMessage: (message: ChatCompletionMessage) => void;
  finalChatCompletion: (completion: ChatCompletion) => void;
  finalFunctionToolCall: (call: ChatCompletionMessageFunctionToolCall['function']) => void;
  finalFunctionToolCallResult: (content: string) => void;
  totalUsage: (usage: CompletionUsage) => void;
}

/** Its items (what iterating it yields) are each round's chat completion; with `stream: true`, chunks are `chunk` events. */
export class ChatCompletionRunner extends EventStream<ChatCompletionRunnerEvents, ChatCompletion> {
  /** The conversation so far: the params' messages, then each reply and tool result. */
  readonly messages: Array<MessageParam | ChatCompletionMessage> = [];
  #completions: ChatCompletion[] = [];
  #results: string[] = [];

  /** Runs `params` on `completions` until the model stops calling tools. */
  static runTools(
    completions: Completions,
    params: ChatCompletionToolRunnerParams,
    options?: RunnerOptions,
  ): ChatCompletionRunner {
    const runner: ChatCompletionRunner = new ChatCompletionRunner(async () =>
      runner.#rounds(completions, params, options),
    );
    runner.messages.push(...params.messages);
    return runner;
  }

  /** Every chat completion made, in order. */
  allChatCompletions(): ChatCompletion[] {
    return [...this.#completions];
  }

  async finalChatCompletion(): Promise<ChatCompletion> {
    await this.done();
    const last = this.#completions.at(-1);
    if (!last) throw new ClientError('runTools() ended without a chat completion');
    return last;
  }

  /** The last assistant message. */
  async finalMessage(): Promise<ChatCompletionMessage> {
    const message = (await this.finalChatCompletion()).choices[0]?.message;
    if (!message) throw new ClientError('runTools() ended without an assistant message');
    return message;
  }

  async finalContent(): Promise<string | null> {
    return (await this.finalMessage()).content;
  }

  /** The last function call the model asked for, in any round. */
  async finalFunctionToolCall(): Promise<ChatCompletionMessageFunctionToolCall['function'] | undefined> {
    await this.done();
    return this.#lastCall();
  }

  /** The last function result sent back. */
  async finalFunctionToolCallResult(): Promise<string | undefined> {
    await this.done();
    return this.#results.at(-1);
  }

  /** The tokens of every round, added up. */
  async totalUsage(): Promise<CompletionUsage> {
    await this.done();
    return this.#usage();
  }

  protected addItem(completion: ChatCompletion): void {
    this.#completions.push(completion);
    this.emit('chatCompletion', completion);
  }

  protected finish(): void {
    const message = this.#completions.at(-1)?.choices[0]?.message;
    if (message) {
      this.emit('finalMessage', message);
      if (message.content != null) this.emit('finalContent', message.content);
    }
    const call = this.#lastCall();
    if (call) this.emit('finalFunctionToolCall', call);
    const result = this.#results.at(-1);
    if (result !== undefined) this.emit('finalFunctionToolCallResult', result);
    const last = this.#completions.at(-1);
    if (last) this.emit('finalChatCompletion', last);
    this.emit('totalUsage', this.#usage());
  }

  async *#rounds(
    completions: Completions,
    params: ChatCompletionToolRunnerParams,
    options: RunnerOptions | undefined,
  ): AsyncGenerator<ChatCompletion> {
    const { tools, stream: streaming, ...rest } = params;
    const { maxChatCompletions = 10, ...requestOptions } = options ?? {};
    const byName = new Map(tools.map((t) => [toolName(t), t]));
    const toolParams = tools.map(toolDefinition);
    // A `tool_choice` naming one function: that call is run once, and the runner stops.
    const forced =
      typeof rest.tool_choice === 'object' && rest.tool_choice?.type === 'function'
        ? rest.tool_choice.function.name
        : undefined;
    const signal = this.requestSignal(requestOptions.signal);
    for (let round = 0; round < maxChatCompletions; round++) {
      const body = {
        ...rest,
        messages: this.messages as MessageParam[],
        tools: toolParams as unknown as ChatCompletionCreateParamsBase['tools'],
      };
      const completion = streaming
        ? await this.#streamRound(completions, body, { ...requestOptions, signal })
        : await completions.create({ ...body, stream: false }, { ...requestOptions, signal });
      if (round === 0) this.emit('connect');
      yield completion;
      const message = completion.choices[0]?.message;
      if (!message) return;
      this.#addMessage(message, !!streaming);
      const calls = (message.tool_calls ?? []).filter(
        (c): c is ChatCompletionMessageFunctionToolCall => c.type === 'function',
      );
      if (calls.length === 0) return;
      for (const call of calls) {
        const content = await this.#runTool(byName, call);
        this.#results.push(content);
        this.emit('functionToolCallResult', content);
        this.#addMessage({ role: 'tool', tool_call_id: call.id, content }, false);
      }
      if (forced) return;
    }
  }

  /** One round as a stream: its chunk events are the runner's, its completion the round's. */
  async #streamRound(
    completions: Completions,
    body: Omit<ChatCompletionCreateParamsBase, 'stream'>,
    options: RequestOptions,
  ): Promise<ChatCompletion> {
    const stream = ChatCompletionStream.createChatCompletion(completions, body, options);
    stream.on('content', (delta, snapshot) => this.emit('content', delta, snapshot));
    for (const event of STREAM_EVENTS) {
      stream.on(event, ((...args: never[]) =>
        this.emit(event, ...(args as unknown as Parameters<ChatCompletionRunnerEvents[typeof event]>))) as never);
    }
    return stream.finalChatCompletion();
  }

  /** Adds `message` to the conversation; an assistant's text is a `content` event unless its deltas were (`streamed`). */
  #addMessage(message: MessageParam | ChatCompletionMessage, streamed: boolean): void {
    this.messages.push(message);
    this.emit('message', message);
    if (message.role !== 'assistant') return;
    if (!streamed && typeof message.content === 'string' && message.content) this.emit('content', message.content);
    for (const call of message.tool_calls ?? [])
      if (call.type === 'function') this.emit('functionToolCall', call.function);
  }

  /** The tool's answer to `call`, as text: its result, or what went wrong (the model reads it and may try again). */
  async #runTool(
    byName: Map<string, RunnableTools[number]>,
    call: ChatCompletionMessageFunctionToolCall,
  ): Promise<string> {
    const tool = byName.get(call.function.name);
    if (!tool) {
      return `Invalid tool_call: ${JSON.stringify(call.function.name)}. Available options are: ${[...byName.keys()].map((n) => JSON.stringify(n)).join(', ')}. Please try again`;
    }
    let args: unknown;
    try {
      args =
        '$parseRaw' in tool
          ? tool.$parseRaw(call.function.arguments)
          : tool.function.parse
            ? tool.function.parse(call.function.arguments)
            : call.function.arguments;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    const fn = '$parseRaw' in tool ? tool.$callback : tool.function.function;
    if (!fn) throw new ClientError(`tool ${JSON.stringify(call.function.name)} has no function to run`);
    const result = await (fn as (args: unknown, runner: ChatCompletionRunner) => unknown)(args, this);
    return typeof result === 'string' ? result : JSON.stringify(result);
  }

  #lastCall(): ChatCompletionMessageFunctionToolCall['function'] | undefined {
    for (let i = this.#completions.length - 1; i >= 0; i--) {
      const calls = this.#completions[i]!.choices[0]?.message.tool_calls ?? [];
      const last = calls.filter((c): c is ChatCompletionMessageFunctionToolCall => c.type === 'function').at(-1);
      if (last) return last.function;
    }
    return undefined;
  }

  #usage(): CompletionUsage {
    const total = { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 };
    for (const c of this.#completions) {
      total.completion_tokens += c.usage?.completion_tokens ?? 0;
      total.prompt_tokens += c.usage?.prompt_tokens ?? 0;
      total.total_tokens += c.usage?.total_tokens ?? 0;
    }
    return total;
  }
}

function toolName(tool: RunnableTools[number]): string {
  return '$parseRaw' in tool ? tool.function.name : (tool.function.name ?? tool.function.function.name);
}

/** A tool as the API takes it: its name, description, parameters and strictness, not its function. */
function toolDefinition(tool: RunnableTools[number]): { type: 'function'; function: Record<string, unknown> } {
  if ('$parseRaw' in tool) return { type: 'function', function: { ...tool.function } };
  const { name, description, parameters, strict } = tool.function;
  return {
    type: 'function',
    function: {
      name: name ?? tool.function.function.name,
      ...(description !== undefined ? { description } : {}),
      parameters,
      ...(strict !== undefined ? { strict } : {}),
    },
  };
}

/** `client.chat.completions.runTools()` (its `this`): see ChatCompletionRunner. */
export function runTools(
  this: Completions,
  params: ChatCompletionToolRunnerParams,
  options?: RunnerOptions,
): ChatCompletionRunner {
  return ChatCompletionRunner.runTools(this, params, options);
}
