/**
 * `client.responses.stream(params)`: a streamed response whose events reach
 * listeners by their `type` (`response.output_text.delta`, …, and `event` for
 * every one), which builds the response as it arrives and resolves
 * `finalResponse()` to it, as openai-node's ResponseStream does.
 *
 *   const stream = client.responses.stream({ model, input });
 *   stream.on('response.output_text.delta', (e) => process.stdout.write(e.delta));
 *   const response = await stream.finalResponse();
 *
 * Iterating it yields the events. A `text.format` made by `zodTextFormat` is
 * read back into the final response's `output_parsed` (lib/parser.ts).
 */
import type { RequestOptions } from '../core/request.js';
import { Stream } from '../core/streaming.js';
import { ClientError } from '../core/errors.js';
import { EventStream, type BaseStreamEvents } from './EventStream.js';
import {
  parsedResponse,
  type ExtractParsedOutputFromParams,
  type ParsedResponse,
  type ResponseParseParams,
} from './parser.js';
import type {
  ResponseModel,
  Responses,
  ResponseStreamEvent,
  ResponseTextDeltaEvent,
} from '../resources/responses/responses.js';

/** The params of `stream()`: those of `create()`, always streaming. */
export type ResponseStreamParams = ResponseParseParams & { stream?: true };

/** `response.output_text.delta` carries the text of its part so far, as openai-node's does. */
export type ResponseTextDeltaWithSnapshot = ResponseTextDeltaEvent & { snapshot: string };

type EventOfType<T extends ResponseStreamEvent['type']> = T extends 'response.output_text.delta'
  ? ResponseTextDeltaWithSnapshot
  : Extract<ResponseStreamEvent, { type: T }>;

export type ResponseStreamEvents<ParsedT = null> = BaseStreamEvents & {
  /** Every event, before its own. */
  event: (event: ResponseStreamEvent) => void;
  /** The final response, once `response.completed` (or `.incomplete`, `.failed`) has come. */
  finalResponse: (response: ParsedResponse<ParsedT>) => void;
} & { [T in ResponseStreamEvent['type']]: (event: EventOfType<T>) => void };

type OutputEntry = { type?: string; content?: Array<{ type?: string; text?: string }>; arguments?: string };

export class ResponseStream<ParsedT = null> extends EventStream<ResponseStreamEvents<ParsedT>, ResponseStreamEvent> {
  #params: ResponseStreamParams | undefined;
  #snapshot: ResponseModel | undefined;
  #final: ParsedResponse<ParsedT> | undefined;

  /** Starts `create({ ...params, stream: true })` on `responses` and reads it. */
  static createResponse<P extends ResponseStreamParams>(
    responses: Responses,
    params: P,
    options?: RequestOptions,
  ): ResponseStream<ExtractParsedOutputFromParams<P>> {
    const stream: ResponseStream<ExtractParsedOutputFromParams<P>> = new ResponseStream(async () => {
      const events = await responses.create(
        { ...params, stream: true },
        { ...options, signal: stream.requestSignal(options?.signal) },
      );
      stream.emit('connect');
      return events;
    });
    stream.#params = params;
    return stream;
  }

  /** A stream read back from `toReadableStream()`. */
  static fromReadableStream(readable: ReadableStream<Uint8Array>): ResponseStream {
    const stream: ResponseStream = new ResponseStream(async () => {
      stream.emit('connect');
      return Stream.fromReadableStream<ResponseStreamEvent>(readable, stream.controller);
    });
    return stream;
  }

  /** The response built so far, once `response.created` has come. */
  get currentResponse(): ResponseModel | undefined {
    return this.#snapshot;
  }

  /** The response as the stream ended it, with `output_text` and, for a parseable format, `output_parsed`. */
  async finalResponse(): Promise<ParsedResponse<ParsedT>> {
    await this.done();
    if (!this.#final) throw new ClientError('stream ended without a response.completed event');
    return this.#final;
  }

  protected addItem(event: ResponseStreamEvent): void {
    const emitted = this.#accumulate(event);
    this.emit('event', event);
    this.emit(event.type, ...([emitted] as unknown as Parameters<ResponseStreamEvents<ParsedT>[typeof event.type]>));
  }

  protected finish(): void {
    if (!this.#final) throw new ClientError('stream ended without a response.completed event');
    this.emit('finalResponse', this.#final);
  }

  /** Builds the snapshot from `event`; the event as listeners get it (a text delta with its snapshot). */
  #accumulate(event: ResponseStreamEvent): ResponseStreamEvent | ResponseTextDeltaWithSnapshot {
    switch (event.type) {
      case 'response.created':
        this.#snapshot = { ...event.response, output: [...event.response.output] };
        return event;
      case 'response.completed':
      case 'response.incomplete':
      case 'response.failed': {
        const response = { ...event.response, output_text: outputText(event.response) };
        this.#final = parsedResponse(response, this.#params ?? {}) as ParsedResponse<ParsedT>;
        this.#snapshot = response;
        return event;
      }
      case 'response.output_item.added':
        this.#snapshot?.output.splice(event.output_index, 0, structuredClone(event.item));
        return event;
      case 'response.content_part.added': {
        const item = this.#item(event.output_index);
        if (item && Array.isArray(item.content))
          item.content.splice(event.content_index, 0, structuredClone(event.part) as never);
        return event;
      }
      case 'response.output_text.delta': {
        const part = this.#item(event.output_index)?.content?.[event.content_index];
        if (part?.type === 'output_text') part.text = (part.text ?? '') + event.delta;
        return { ...event, snapshot: part?.type === 'output_text' ? (part.text ?? '') : event.delta };
      }
      case 'response.function_call_arguments.delta': {
        const item = this.#item(event.output_index);
        if (item?.type === 'function_call') item.arguments = (item.arguments ?? '') + event.delta;
        return event;
      }
      default:
        return event;
    }
  }

  #item(index: number): OutputEntry | undefined {
    return this.#snapshot?.output[index] as OutputEntry | undefined;
  }
}

/** `client.responses.stream()` (its `this`): see ResponseStream. */
export function stream<P extends ResponseStreamParams>(
  this: Responses,
  params: P,
  options?: RequestOptions,
): ResponseStream<ExtractParsedOutputFromParams<P>> {
  return ResponseStream.createResponse(this, params, options);
}

/** The text of the response's messages, joined: the SDK-only `output_text`. */
function outputText(response: ResponseModel): string {
  const texts: string[] = [];
  for (const item of response.output as OutputEntry[]) {
    if (item.type !== 'message') continue;
    for (const part of item.content ?? [])
      if (part.type === 'output_text' && typeof part.text === 'string') texts.push(part.text);
  }
  return texts.join('');
}
