/**
 * Structured outputs, as openai-node's `parse()` gives them:
 * `client.chat.completions.parse(params)` and `client.responses.parse(params)`
 * make the call, then read the model's JSON back: each message's `parsed`
 * (a `response_format` / `text.format` of `json_schema`), each function
 * tool call's `parsed_arguments` (a strict function tool), and the
 * Response's `output_parsed`. Formats and tools made by `helpers/zod`
 * (`zodResponseFormat`, `zodTextFormat`, `zodFunction`) are validated by their
 * schema and type the result; others are `JSON.parse`d.
 *
 *   const completion = await client.chat.completions.parse({
 *     model, messages, response_format: zodResponseFormat(Event, 'event'),
 *   });
 *   completion.choices[0]?.message.parsed; // Event | null
 */
import type { RequestOptions } from '../core/request.js';
import { ClientError } from '../core/errors.js';
import type {
  ChatCompletion,
  ChatCompletionCreateParamsBase,
  ChatCompletionMessage,
  Completions,
} from '../resources/chat/completions/completions.js';
import type { ChatCompletionMessageFunctionToolCall } from '../resources/chat/completions/messages.js';
import type { ResponseCreateParamsBase, ResponseModel, Responses } from '../resources/responses/responses.js';

/** A `response_format` whose JSON the client reads back as `T` (`zodResponseFormat`). */
export interface AutoParseableResponseFormat<T> {
  type: 'json_schema';
  json_schema: { name: string; strict?: boolean | null; schema?: Record<string, unknown>; description?: string };
  readonly $brand: 'auto-parseable-response-format';
  $parseRaw(content: string): T;
  /** Type only: what `$parseRaw` gives. */
  readonly __output?: T;
}

/** A Responses `text.format` whose JSON the client reads back as `T` (`zodTextFormat`). */
export interface AutoParseableTextFormat<T> {
  type: 'json_schema';
  name: string;
  strict?: boolean | null;
  schema: Record<string, unknown>;
  description?: string;
  readonly $brand: 'auto-parseable-response-format';
  $parseRaw(content: string): T;
  readonly __output?: T;
}

/** A function tool whose arguments the client reads back as `T` (`zodFunction`). */
export interface AutoParseableTool<T> {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean | null };
  readonly $brand: 'auto-parseable-tool';
  $parseRaw(args: string): T;
  $callback?: (args: T) => unknown;
  readonly __arguments?: T;
}

/** Marks `value` as read back by `parse` (properties JSON leaves out: the request carries only the format). */
export function makeParseable<F extends object, T>(value: F, parse: (text: string) => T, brand: string): F {
  return Object.defineProperties(value, {
    $brand: { value: brand, enumerable: false },
    $parseRaw: { value: parse, enumerable: false },
  });
}

function isAutoParseable(value: unknown): value is { $parseRaw(text: string): unknown } {
  return typeof (value as { $parseRaw?: unknown } | null | undefined)?.$parseRaw === 'function';
}

/** The choice ended because it reached `max_tokens` / `max_completion_tokens`: its JSON is cut short. */
export class LengthFinishReasonError extends ClientError {
  constructor() {
    super('Could not parse response content as the length limit was reached');
  }
}

/** The choice ended because of the content filter: there is no JSON to read. */
export class ContentFilterFinishReasonError extends ClientError {
  constructor() {
    super('Could not parse response content as the request was rejected by the content filter');
  }
}

/** The params of `chat.completions.parse()`: those of `create()`, never streaming. */
export type ChatCompletionParseParams = Omit<ChatCompletionCreateParamsBase, 'stream'> & { stream?: false | null };

/** What `parse()` reads a message as: the format's type, else null. */
export type ExtractParsedContentFromParams<P> = P extends { response_format: AutoParseableResponseFormat<infer T> }
  ? T
  : null;

export type ParsedFunctionToolCall = ChatCompletionMessageFunctionToolCall & {
  function: ChatCompletionMessageFunctionToolCall['function'] & { parsed_arguments?: unknown };
};

export type ParsedChatCompletionMessage<T> = Omit<ChatCompletionMessage, 'tool_calls'> & {
  parsed: T | null;
  /** parse() takes function tools only, as openai-node's: every call is a function call. */
  tool_calls?: Array<ParsedFunctionToolCall>;
};

export type ParsedChoice<T> = Omit<ChatCompletion['choices'][number], 'message'> & {
  message: ParsedChatCompletionMessage<T>;
};

export type ParsedChatCompletion<T> = Omit<ChatCompletion, 'choices'> & { choices: Array<ParsedChoice<T>> };

type FunctionTool = { type: string; function?: { name?: string; strict?: boolean | null } };

/** `client.chat.completions.parse()` (its `this`): `create()`, then each message's JSON read back. */
export async function parseChatCompletion<P extends ChatCompletionParseParams>(
  this: Completions,
  params: P,
  options?: RequestOptions,
): Promise<ParsedChatCompletion<ExtractParsedContentFromParams<P>>> {
  if ((params as { stream?: unknown }).stream) throw new ClientError('parse() does not stream: use stream() instead');
  const other = (params.tools ?? []).find((t) => t.type !== 'function');
  if (other) throw new ClientError(`parse() reads function tools only, not \`${other.type}\``);
  return parsedCompletion(await this.create({ ...params, stream: false }, options), params, true);
}

/** True when `params` ask for JSON the client can read back: a `json_schema` format, or a strict or zod function tool. */
export function hasParseableInput(params: Pick<ChatCompletionParseParams, 'response_format' | 'tools'>): boolean {
  const format = params.response_format;
  if (isAutoParseable(format) || format?.type === 'json_schema') return true;
  return ((params.tools ?? []) as unknown as FunctionTool[]).some(
    (t) => isAutoParseable(t) || (t.type === 'function' && !!t.function?.strict),
  );
}

/** The message's JSON as `params` asks for it (a partial text when `partial`, which may not parse yet). */
export function readContent(format: unknown, content: string, partial = false): unknown {
  if (partial)
    return isAutoParseable(format) || (format as { type?: string } | undefined)?.type === 'json_schema'
      ? parsePartialJson(content)
      : null;
  if (isAutoParseable(format)) return format.$parseRaw(content);
  if ((format as { type?: string } | undefined)?.type === 'json_schema') return JSON.parse(content);
  return null;
}

/** A function call's arguments as its tool asks for them (a strict or zod tool), else null; `partial`: so far. */
export function readArguments(tools: unknown, name: string, args: string, partial = false): unknown {
  const tool = ((tools ?? []) as FunctionTool[]).find((t) => t.type === 'function' && t.function?.name === name);
  if (!isAutoParseable(tool) && !tool?.function?.strict) return null;
  if (partial) return parsePartialJson(args);
  return isAutoParseable(tool) ? tool.$parseRaw(args) : JSON.parse(args);
}

/**
 * `completion` read back as `params` ask: each message's `parsed`, each function
 * call's `parsed_arguments`. `strict` (parse()): a choice cut by the length
 * limit or the content filter throws; a stream's final completion throws so
 * only when it asked for JSON.
 */
export function parsedCompletion<P extends Pick<ChatCompletionParseParams, 'response_format' | 'tools'>>(
  completion: ChatCompletion,
  params: P,
  strict: boolean = hasParseableInput(params),
): ParsedChatCompletion<ExtractParsedContentFromParams<P>> {
  const choices = completion.choices.map((choice): ParsedChoice<ExtractParsedContentFromParams<P>> => {
    if (strict && choice.finish_reason === 'length') throw new LengthFinishReasonError();
    if (strict && choice.finish_reason === 'content_filter') throw new ContentFilterFinishReasonError();
    const { message } = choice;
    const parsed =
      message.content != null && !message.refusal ? readContent(params.response_format, message.content) : null;
    const toolCalls = message.tool_calls?.map((call): ParsedFunctionToolCall => {
      // A custom tool's call (a stream's, which may have any tools) is passed on as it came.
      if (call.type !== 'function') return call as unknown as ParsedFunctionToolCall;
      const parsedArguments = readArguments(params.tools, call.function.name, call.function.arguments);
      return { ...call, function: { ...call.function, parsed_arguments: parsedArguments } };
    });
    const { tool_calls: _calls, ...rest } = message;
    return {
      ...choice,
      message: {
        ...rest,
        parsed: parsed as ExtractParsedContentFromParams<P> | null,
        ...(toolCalls ? { tool_calls: toolCalls } : {}),
      },
    };
  });
  return { ...completion, choices };
}

/**
 * The value of JSON text cut off anywhere (a streamed message so far): the
 * text closed where it stops (an open string ended, a dangling key, comma or
 * partial literal dropped, open objects and arrays closed); undefined when
 * even that does not parse.
 */
export function parsePartialJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Cut off: complete it below.
  }
  const closers: string[] = [];
  let inString = false;
  let escaped = false;
  for (const ch of text) {
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') closers.push('}');
    else if (ch === '[') closers.push(']');
    else if (ch === '}' || ch === ']') closers.pop();
  }
  let head = text;
  if (inString) head = (escaped ? head.slice(0, -1) : head).replace(/\\u[0-9a-fA-F]{0,3}$/, '') + '"';
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return JSON.parse(head + [...closers].reverse().join(''));
    } catch {
      // Drop what cannot end a value: a trailing comma or colon (with its key), a key alone, a partial literal.
      const trimmed = head
        .replace(/\s+$/, '')
        .replace(/,$/, '')
        .replace(/"(?:[^"\\]|\\.)*"\s*:$/, '')
        .replace(/([{,])\s*"(?:[^"\\]|\\.)*"$/, '$1')
        .replace(/(?:-|\b(?:t|tr|tru|f|fa|fal|fals|n|nu|nul)|-?\d+\.|-?\d+(?:\.\d+)?[eE][+-]?)$/, '')
        .replace(/,$/, '');
      if (trimmed === head) return undefined;
      head = trimmed;
    }
  }
  return undefined;
}

/** The params of `responses.parse()`: those of `create()`, never streaming. */
export type ResponseParseParams = Omit<ResponseCreateParamsBase, 'stream'> & { stream?: false | null };

/** What `responses.parse()` reads the output text as: the format's type, else null. */
export type ExtractParsedOutputFromParams<P> = P extends { text?: { format?: AutoParseableTextFormat<infer T> } | null }
  ? unknown extends T
    ? null
    : T
  : null;

/** An output item as parse() gives it: a function call with `parsed_arguments`, a message's text parts with `parsed`. */
export type ParsedResponseOutputItem<T> = ResponseModel['output'][number] extends infer I
  ? I extends { type: 'function_call' }
    ? I & { parsed_arguments: unknown }
    : I extends { type: 'message'; content: Array<infer C> }
      ? Omit<I, 'content'> & { content: Array<C extends { type: 'output_text' } ? C & { parsed: T | null } : C> }
      : I
  : never;

export type ParsedResponse<T> = Omit<ResponseModel, 'output'> & {
  output: Array<ParsedResponseOutputItem<T>>;
  output_parsed: T | null;
};

/**
 * `client.responses.parse()` (its `this`): `create()`, then the output text read
 * back (`output_parsed`, and each `output_text` part's `parsed`) and each
 * function call's `parsed_arguments`.
 */
export async function parseResponse<P extends ResponseParseParams>(
  this: Responses,
  params: P,
  options?: RequestOptions,
): Promise<ParsedResponse<ExtractParsedOutputFromParams<P>>> {
  if ((params as { stream?: unknown }).stream)
    throw new ClientError('parse() does not stream: use create({ stream: true })');
  return parsedResponse(await this.create({ ...params, stream: false }, options), params);
}

/**
 * `response` with its output read back as `params` asks: the output text as
 * `output_parsed` (and each `output_text` part's `parsed`), function calls'
 * arguments as `parsed_arguments` (lib/ResponseStream.ts's final response too).
 */
export function parsedResponse<P extends ResponseParseParams>(
  response: ResponseModel,
  params: P,
): ParsedResponse<ExtractParsedOutputFromParams<P>> {
  const format = (params.text as { format?: unknown } | null | undefined)?.format;
  const readText = (text: string): unknown =>
    isAutoParseable(format)
      ? format.$parseRaw(text)
      : (format as { type?: string } | undefined)?.type === 'json_schema'
        ? JSON.parse(text)
        : null;
  const tools = ((params.tools ?? []) as Array<{ type: string; name?: string; strict?: boolean | null }>).filter(
    (t) => t.type === 'function',
  );
  let outputParsed: unknown = null;
  const output = response.output.map((item) => {
    const entry = item as {
      type?: string;
      content?: Array<{ type?: string; text?: string }>;
      name?: string;
      arguments?: string;
    };
    if (entry.type === 'message' && Array.isArray(entry.content)) {
      const content = entry.content.map((part) => {
        if (part.type !== 'output_text' || typeof part.text !== 'string') return part;
        const parsed = readText(part.text);
        if (parsed !== null && outputParsed === null) outputParsed = parsed;
        return { ...part, parsed };
      });
      return { ...entry, content } as unknown as typeof item;
    }
    if (entry.type === 'function_call' && typeof entry.arguments === 'string') {
      const tool = tools.find((t) => t.name === entry.name);
      const parsedArguments = isAutoParseable(tool)
        ? tool.$parseRaw(entry.arguments)
        : tool?.strict
          ? JSON.parse(entry.arguments)
          : null;
      return { ...entry, parsed_arguments: parsedArguments } as unknown as typeof item;
    }
    return item;
  });
  return {
    ...response,
    output: output as unknown as Array<ParsedResponseOutputItem<ExtractParsedOutputFromParams<P>>>,
    output_parsed: outputParsed as ExtractParsedOutputFromParams<P> | null,
  };
}
