/**
 * `client.chat.completions.stream(params)`: a streamed chat completion that
 * also builds the whole completion as it arrives, with openai-node's events
 * (`content`, `content.delta`, `tool_calls.function.arguments.delta`, …) and
 * final values (`finalChatCompletion()`, `finalContent()`, …).
 *
 *   const stream = client.chat.completions.stream({ model, messages });
 *   stream.on('content', (delta) => process.stdout.write(delta));
 *   const completion = await stream.finalChatCompletion();
 *
 * Iterating it yields the chunks, as iterating `create({ stream: true })`
 * does. The request starts at once; events reach the listeners registered
 * before the first chunk arrives.
 */
import type { RequestOptions } from '../core/request.js';
import { Stream } from '../core/streaming.js';
import { ClientError } from '../core/errors.js';
import { EventStream, type BaseStreamEvents } from './EventStream.js';
import {
  parsedCompletion,
  readArguments,
  readContent,
  type ExtractParsedContentFromParams,
  type ParsedChatCompletion,
  type ParsedChatCompletionMessage,
} from './parser.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessage,
  Completions,
  CompletionUsage,
} from '../resources/chat/completions/completions.js';
import type { ChatCompletionMessageFunctionToolCall } from '../resources/chat/completions/messages.js';

/** The params of `stream()`: those of `create()`, always streaming. */
export type ChatCompletionStreamParams = Omit<ChatCompletionCreateParamsBase, 'stream'> & { stream?: true };

type Choice = ChatCompletion['choices'][number];
type ChunkChoice = ChatCompletionChunk['choices'][number];
type TokenLogprobs = NonNullable<ChunkChoice['logprobs']>['content'];

/** The completion built so far: what `chunk` and the delta events carry (a choice's `finish_reason` is null until it ends). */
export type ChatCompletionSnapshot = Omit<ChatCompletion, 'choices'> & {
  choices: Array<Omit<Choice, 'finish_reason'> & { finish_reason: Choice['finish_reason'] | null }>;
};

export interface ContentDeltaEvent {
  delta: string;
  snapshot: string;
  /** The JSON so far, for a `json_schema` response format (a partial value; undefined while it cannot be read). */
  parsed: unknown | null;
}
export interface ContentDoneEvent<ParsedT = null> {
  content: string;
  /** The JSON, for a `json_schema` response format (validated by a `zodResponseFormat`'s schema). */
  parsed: ParsedT | null;
}
export interface RefusalDeltaEvent {
  delta: string;
  snapshot: string;
}
export interface RefusalDoneEvent {
  refusal: string;
}
export interface FunctionToolCallArgumentsDeltaEvent {
  name: string;
  index: number;
  /** The arguments so far. */
  arguments: string;
  arguments_delta: string;
  /** The arguments so far, for a strict or zod function tool. */
  parsed_arguments: unknown;
}
export interface FunctionToolCallArgumentsDoneEvent {
  name: string;
  index: number;
  arguments: string;
  /** The arguments, for a strict or zod function tool. */
  parsed_arguments: unknown;
}
export interface LogProbsDeltaEvent {
  values: NonNullable<TokenLogprobs>;
  snapshot: NonNullable<TokenLogprobs>;
}

/** Each event's listener arguments. */
export interface ChatCompletionStreamEvents<ParsedT = null> extends BaseStreamEvents {
  chunk: (chunk: ChatCompletionChunk, snapshot: ChatCompletionSnapshot) => void;
  content: (delta: string, snapshot: string) => void;
  'content.delta': (event: ContentDeltaEvent) => void;
  'content.done': (event: ContentDoneEvent<ParsedT>) => void;
  'refusal.delta': (event: RefusalDeltaEvent) => void;
  'refusal.done': (event: RefusalDoneEvent) => void;
  'tool_calls.function.arguments.delta': (event: FunctionToolCallArgumentsDeltaEvent) => void;
  'tool_calls.function.arguments.done': (event: FunctionToolCallArgumentsDoneEvent) => void;
  'logprobs.content.delta': (event: LogProbsDeltaEvent) => void;
  'logprobs.content.done': (event: { content: NonNullable<TokenLogprobs> }) => void;
  'logprobs.refusal.delta': (event: LogProbsDeltaEvent) => void;
  'logprobs.refusal.done': (event: { refusal: NonNullable<TokenLogprobs> }) => void;
  message: (message: ChatCompletionMessage) => void;
  chatCompletion: (completion: ChatCompletion) => void;
  finalContent: (content: string) => void;
  finalMessage: (message: ParsedChatCompletionMessage<ParsedT>) => void;
  finalChatCompletion: (completion: ParsedChatCompletion<ParsedT>) => void;
  finalFunctionToolCall: (call: ChatCompletionMessageFunctionToolCall['function']) => void;
  totalUsage: (usage: CompletionUsage) => void;
}

/** Per choice: which parts have ended (their `.done` event sent), and the tool call whose arguments are streaming. */
interface ChoiceProgress {
  contentDone: boolean;
  refusalDone: boolean;
  logprobsContentDone: boolean;
  logprobsRefusalDone: boolean;
  toolCallIndex: number | undefined;
}

export class ChatCompletionStream<ParsedT = null> extends EventStream<
  ChatCompletionStreamEvents<ParsedT>,
  ChatCompletionChunk
> {
  #params: ChatCompletionStreamParams | undefined;
  #snapshot: ChatCompletionSnapshot | undefined;
  #completion: ParsedChatCompletion<ParsedT> | undefined;
  #progress: ChoiceProgress[] = [];

  /** Starts `create({ ...params, stream: true })` on `completions` and reads it. */
  static createChatCompletion<P extends ChatCompletionStreamParams>(
    completions: Completions,
    params: P,
    options?: RequestOptions,
  ): ChatCompletionStream<ExtractParsedContentFromParams<P>> {
    const stream: ChatCompletionStream<ExtractParsedContentFromParams<P>> = new ChatCompletionStream(async () => {
      const chunks = await completions.create(
        { ...params, stream: true },
        { ...options, signal: stream.requestSignal(options?.signal) },
      );
      stream.emit('connect');
      return chunks;
    });
    stream.#params = params;
    return stream;
  }

  /** A stream read back from `toReadableStream()` (e.g. in a browser, from a server that relays one). */
  static fromReadableStream(readable: ReadableStream<Uint8Array>): ChatCompletionStream {
    const stream: ChatCompletionStream = new ChatCompletionStream(async () => {
      stream.emit('connect');
      return Stream.fromReadableStream<ChatCompletionChunk>(readable, stream.controller);
    });
    return stream;
  }

  /** The completion built so far, if a chunk has arrived. */
  get currentChatCompletionSnapshot(): ChatCompletionSnapshot | undefined {
    return this.#snapshot;
  }

  /** The completion, with each message's `parsed` (and function calls' `parsed_arguments`) as the params ask. */
  async finalChatCompletion(): Promise<ParsedChatCompletion<ParsedT>> {
    await this.done();
    if (!this.#completion) throw new ClientError('stream ended without producing a ChatCompletion');
    return this.#completion;
  }

  /** The first choice's message. */
  async finalMessage(): Promise<ParsedChatCompletionMessage<ParsedT>> {
    const completion = await this.finalChatCompletion();
    const message = completion.choices[0]?.message;
    if (!message) throw new ClientError('stream ended without producing a ChatCompletionMessage with role=assistant');
    return message;
  }

  /** The first choice's text, or null when it has none (a refusal, only tool calls). */
  async finalContent(): Promise<string | null> {
    return (await this.finalMessage()).content;
  }

  /** The first choice's last function tool call, if any. */
  async finalFunctionToolCall(): Promise<ChatCompletionMessageFunctionToolCall['function'] | undefined> {
    return lastFunctionCall(await this.finalMessage());
  }

  /** The tokens the completion used (zeros when the server sent no usage: see `stream_options.include_usage`). */
  async totalUsage(): Promise<CompletionUsage> {
    return usageOf(await this.finalChatCompletion());
  }

  protected addItem(chunk: ChatCompletionChunk): void {
    this.#addChunk(chunk);
  }

  protected finish(): void {
    this.#finish();
  }

  #addChunk(chunk: ChatCompletionChunk): void {
    const snapshot = (this.#snapshot = accumulate(this.#snapshot, chunk));
    this.emit('chunk', chunk, snapshot);
    for (const choice of chunk.choices) {
      const state = snapshot.choices[choice.index]!;
      const progress = (this.#progress[choice.index] ??= {
        contentDone: false,
        refusalDone: false,
        logprobsContentDone: false,
        logprobsRefusalDone: false,
        toolCallIndex: undefined,
      });
      const message = state.message;
      if (choice.delta.content && message.content != null) {
        this.emit('content', choice.delta.content, message.content);
        const parsed = readContent(this.#params?.response_format, message.content, true) ?? null;
        this.emit('content.delta', { delta: choice.delta.content, snapshot: message.content, parsed });
      }
      if (choice.delta.refusal && message.refusal != null) {
        this.emit('refusal.delta', { delta: choice.delta.refusal, snapshot: message.refusal });
      }
      if (choice.logprobs?.content && state.logprobs?.content) {
        this.emit('logprobs.content.delta', { values: choice.logprobs.content, snapshot: state.logprobs.content });
      }
      if (choice.logprobs?.refusal && state.logprobs?.refusal) {
        this.emit('logprobs.refusal.delta', { values: choice.logprobs.refusal, snapshot: state.logprobs.refusal });
      }
      for (const delta of choice.delta.tool_calls ?? []) {
        // A new tool call's first chunk ends the one before it.
        if (progress.toolCallIndex !== undefined && progress.toolCallIndex !== delta.index)
          this.#toolCallDone(message, progress.toolCallIndex);
        progress.toolCallIndex = delta.index;
        const call = message.tool_calls?.[delta.index];
        if (call?.type === 'function' && delta.function?.arguments) {
          this.emit('tool_calls.function.arguments.delta', {
            name: call.function.name,
            index: delta.index,
            arguments: call.function.arguments,
            arguments_delta: delta.function.arguments,
            parsed_arguments: readArguments(this.#params?.tools, call.function.name, call.function.arguments, true),
          });
        }
      }
      if (state.finish_reason != null) this.#choiceDone(state, progress);
    }
  }

  /** The `.done` events of a choice that has ended, each once. */
  #choiceDone(state: ChatCompletionSnapshot['choices'][number], progress: ChoiceProgress): void {
    const message = state.message;
    if (!progress.contentDone && message.content != null) {
      progress.contentDone = true;
      const parsed = message.refusal == null ? readContent(this.#params?.response_format, message.content) : null;
      this.emit('content.done', { content: message.content, parsed: parsed as ParsedT | null });
    }
    if (!progress.refusalDone && message.refusal != null) {
      progress.refusalDone = true;
      this.emit('refusal.done', { refusal: message.refusal });
    }
    if (!progress.logprobsContentDone && state.logprobs?.content) {
      progress.logprobsContentDone = true;
      this.emit('logprobs.content.done', { content: state.logprobs.content });
    }
    if (!progress.logprobsRefusalDone && state.logprobs?.refusal) {
      progress.logprobsRefusalDone = true;
      this.emit('logprobs.refusal.done', { refusal: state.logprobs.refusal });
    }
    if (progress.toolCallIndex !== undefined) {
      this.#toolCallDone(message, progress.toolCallIndex);
      progress.toolCallIndex = undefined;
    }
  }

  #toolCallDone(message: ChatCompletionMessage, index: number): void {
    const call = message.tool_calls?.[index];
    if (call?.type === 'function')
      this.emit('tool_calls.function.arguments.done', {
        name: call.function.name,
        index,
        arguments: call.function.arguments,
        parsed_arguments: readArguments(this.#params?.tools, call.function.name, call.function.arguments),
      });
  }

  #finish(): void {
    if (!this.#snapshot) throw new ClientError('stream ended without producing a ChatCompletion');
    const completion = parsedCompletion(
      finalCompletion(this.#snapshot),
      this.#params ?? {},
    ) as ParsedChatCompletion<ParsedT>;
    this.#completion = completion;
    for (const choice of completion.choices) this.emit('message', choice.message);
    this.emit('chatCompletion', completion);
    const message = completion.choices[0]?.message;
    if (message) {
      this.emit('finalMessage', message);
      if (message.content != null) this.emit('finalContent', message.content);
      const call = lastFunctionCall(message);
      if (call) this.emit('finalFunctionToolCall', call);
    }
    this.emit('finalChatCompletion', completion);
    this.emit('totalUsage', usageOf(completion));
  }
}

/** `client.chat.completions.stream()` (its `this`): see ChatCompletionStream. */
export function stream<P extends ChatCompletionStreamParams>(
  this: Completions,
  params: P,
  options?: RequestOptions,
): ChatCompletionStream<ExtractParsedContentFromParams<P>> {
  return ChatCompletionStream.createChatCompletion(this, params, options);
}

/** The snapshot after `chunk`: text, refusals, logprobs and tool-call arguments appended, the rest taken as sent. */
function accumulate(previous: ChatCompletionSnapshot | undefined, chunk: ChatCompletionChunk): ChatCompletionSnapshot {
  const snapshot: ChatCompletionSnapshot = previous ?? {
    id: chunk.id,
    object: 'chat.completion',
    created: chunk.created,
    model: chunk.model,
    choices: [],
  };
  if (chunk.system_fingerprint !== undefined) snapshot.system_fingerprint = chunk.system_fingerprint;
  if (chunk.service_tier !== undefined) snapshot.service_tier = chunk.service_tier;
  if (chunk.usage) snapshot.usage = chunk.usage;
  for (const { delta, finish_reason, index, logprobs } of chunk.choices) {
    const choice = (snapshot.choices[index] ??= {
      index,
      finish_reason: null,
      logprobs: null,
      message: { role: 'assistant', content: null, refusal: null },
    });
    if (finish_reason) choice.finish_reason = finish_reason;
    if (logprobs) {
      const kept = (choice.logprobs ??= { content: null, refusal: null });
      if (logprobs.content) kept.content = [...(kept.content ?? []), ...logprobs.content];
      if (logprobs.refusal) kept.refusal = [...(kept.refusal ?? []), ...logprobs.refusal];
    }
    const message = choice.message;
    if (delta.content != null) message.content = (message.content ?? '') + delta.content;
    if (delta.refusal != null) message.refusal = (message.refusal ?? '') + delta.refusal;
    if (delta.function_call) {
      const call = (message.function_call ??= { name: '', arguments: '' });
      if (delta.function_call.name) call.name = delta.function_call.name;
      if (delta.function_call.arguments) call.arguments += delta.function_call.arguments;
    }
    for (const part of delta.tool_calls ?? []) {
      const calls = (message.tool_calls ??= []);
      const call = (calls[part.index] ??= { id: '', type: 'function', function: { name: '', arguments: '' } });
      if (call.type !== 'function') continue;
      if (part.id) call.id = part.id;
      if (part.function?.name) call.function.name = part.function.name;
      if (part.function?.arguments) call.function.arguments += part.function.arguments;
    }
  }
  return snapshot;
}

/** The snapshot as a ChatCompletion: every choice must have ended. */
function finalCompletion(snapshot: ChatCompletionSnapshot): ChatCompletion {
  const choices = snapshot.choices.map((choice, index): Choice => {
    if (!choice) throw new ClientError(`missing choice ${index} in the streamed chat completion`);
    if (choice.finish_reason == null) throw new ClientError(`missing finish_reason for choice ${index}`);
    return { ...choice, finish_reason: choice.finish_reason };
  });
  return { ...snapshot, choices };
}

function lastFunctionCall(
  message: ChatCompletionMessage,
): ChatCompletionMessageFunctionToolCall['function'] | undefined {
  const calls = (message.tool_calls ?? []).filter(
    (c): c is ChatCompletionMessageFunctionToolCall => c.type === 'function',
  );
  return calls.at(-1)?.function;
}

function usageOf(completion: ChatCompletion): CompletionUsage {
  return completion.usage ?? { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 };
}
