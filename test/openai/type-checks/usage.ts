/**
 * Compile-time checks of the `openai` client as openai-node's users write it
 * (checked by test/openai/surfaces.test.ts with the client's strict options):
 * the README example, openai-node's type names, streams, uploads, binary
 * responses, webhooks, error statics, per-scheme key options and poll helpers. Every `@ts-expect-error` must be needed.
 */
import OpenAI, { OpenAIError, toFile } from '../../../generated/openai/client/src/index.js';
import type { Stream } from '../../../generated/openai/client/src/core/streaming.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionContentPart,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionMessage,
  ChatCompletionMessageParam,
  FileObject,
  FunctionDefinition,
  Model,
  Run,
  VectorStore,
  VectorStoreFileBatch,
  WebhookEvent,
} from '../../../generated/openai/client/src/index.js';

export async function readme(): Promise<void> {
  const client = new OpenAI({ apiKey: 'sk-proj-1', adminAPIKey: 'sk-admin-1' });
  const completion: ChatCompletion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
  const text: string | null | undefined = completion.choices[0]?.message.content;
  void text;
  for await (const item of client.responses.inputItems.list('resp_1')) void item;
  // A union body's fields are the params, as in openai-node; each form requires its own field.
  const batch: VectorStoreFileBatch = await client.vectorStores.fileBatches.create('vs_1', { file_ids: ['file_1'] });
  const perFile: VectorStoreFileBatch = await client.vectorStores.fileBatches.create('vs_1', { files: [{ file_id: 'file_1' }], attributes: { k: 'v' } });
  // @ts-expect-error -- neither `file_ids` nor `files`: no form of the body matches
  await client.vectorStores.fileBatches.create('vs_1', { attributes: { k: 'v' } });
  // @ts-expect-error -- the whole body under `body` is not a param any more
  await client.vectorStores.fileBatches.create('vs_1', { body: { file_ids: ['file_1'] } });
  void [batch, perFile];
  const store: VectorStore = await client.vectorStores.retrieve('vs_1');
  const file: FileObject = await client.files.retrieve('file_1');
  const run: Run = await client.beta.threads.runs.submitToolOutputs('run_1', { thread_id: 'thread_1', tool_outputs: [] });
  void [store, file, run];
  try {
    await client.models.retrieve('nope');
  } catch (e) {
    if (e instanceof OpenAI.NotFoundError) {
      const status: 404 = e.status;
      void status;
    }
  }
  // Streaming overloads: `stream: true` gives typed chunks.
  const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true });
  for await (const chunk of stream) {
    const typed: ChatCompletionChunk = chunk;
    void typed;
  }
  // Uploads and binary responses, as in openai-node.
  const upload: FileObject = await client.files.create({ file: await toFile(new Uint8Array([1]), 'a.jsonl'), purpose: 'batch' });
  const bytes: Response = await client.files.content(upload.id);
  void bytes;
  void OpenAI.toFile;
  const event: WebhookEvent = await client.webhooks.unwrap('{}', {}, 'whsec_x');
  void event;
  // openai-node's custom requests: an endpoint the API lacks, and a param newer than the spec (sent as given).
  const custom: unknown = await client.post('/some/path', { body: { some_prop: 'foo' }, query: { some_query_arg: 'bar' } });
  const typedCustom: { ok: boolean } = await client.get<{ ok: boolean }>('/some/path');
  void [custom, typedCustom];
  // @ts-expect-error baz is not yet public
  await client.chat.completions.create({ model: 'gpt-4o', messages: [], baz: 'undocumented option' });
  // @ts-expect-error the messages are required
  await client.chat.completions.create({ model: 'gpt-4o' });
  // @ts-expect-error no such option: the admin key is adminAPIKey, as in openai-admin
  new OpenAI({ adminApiKey: 'x' });
  // Keys as functions, for tokens that expire (openai-node's ApiKeySetter), and the key read back.
  const rotating = new OpenAI({ apiKey: async () => 'sk-proj-fresh', adminAPIKey: () => 'sk-admin-fresh' });
  const key: string | null = rotating.apiKey;
  const options: Array<string | null> = [rotating.adminAPIKey, rotating.organization, rotating.project];
  void [key, options];
  // @ts-expect-error a key function gives a string
  new OpenAI({ apiKey: async () => 42 });
  // openai-node's browser opt-in.
  new OpenAI({ apiKey: 'sk-proj-1', dangerouslyAllowBrowser: true });
}

/** What openai-node's docs write beyond its README: its type names for messages, models.list() iterated, err.requestID. */
export async function openaiNodeDocs(): Promise<void> {
  const client = new OpenAI();
  const parts: ChatCompletionContentPart[] = [{ type: 'text', text: 'What is in this image?' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }];
  const messages: ChatCompletionMessageParam[] = [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: parts }];
  const weather: FunctionDefinition = { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages, tools: [{ type: 'function', function: weather }] });
  const message: ChatCompletionMessage = completion.choices[0]!.message;
  void message;
  for await (const model of client.models.list()) {
    const typed: Model = model;
    void typed;
  }
  const models = await client.models.list();
  void models.data;
  // openai-node's namespaced type names (v5 by resource, v4 at the top).
  const namespaced: OpenAI.Chat.ChatCompletionMessageParam[] = messages;
  const nested: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = namespaced;
  const top: OpenAI.ChatCompletion = completion;
  const run: OpenAI.Beta.Threads.Run | undefined = undefined;
  // `Response` is a global the package also uses (exported as `ResponseModel`); in the namespace it has its own name.
  const response: OpenAI.Responses.Response = await client.responses.create({ model: 'gpt-4o', input: 'Hi' });
  void [nested, top, run, response.output_text];
  try {
    await client.models.retrieve('nope');
  } catch (err) {
    if (err instanceof OpenAI.APIError) {
      const id: string | null | undefined = err.requestID;
      void id;
    }
  }
}

/** openai-node's names for inline objects (`ChatCompletion.Choice`), its streaming params types and its base error. */
export async function openaiNodeTypeNames(): Promise<void> {
  const client = new OpenAI();
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
  const choice: ChatCompletion.Choice = completion.choices[0]!;
  const logprobs: ChatCompletion.Choice.Logprobs | null = choice.logprobs;
  const viaClient: OpenAI.Chat.ChatCompletion.Choice = choice;
  const call: ChatCompletionMessage.FunctionCall | undefined = choice.message.function_call;
  // @ts-expect-error a choice is no message
  const wrong: ChatCompletionMessage.FunctionCall = choice;
  const fn: OpenAI.Chat.ChatCompletionCreateParams.Function = { name: 'list', parameters: { type: 'object' } };
  const delta = (chunk: ChatCompletionChunk): ChatCompletionChunk.Choice.Delta | undefined => chunk.choices[0]?.delta;
  void [logprobs, viaClient, call, wrong, fn, delta];
  const streaming: ChatCompletionCreateParamsStreaming = { model: 'gpt-4o', messages: [], stream: true };
  for await (const chunk of await client.chat.completions.create(streaming)) {
    const typed: ChatCompletionChunk = chunk;
    void typed;
  }
  const plain: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming = { model: 'gpt-4o', messages: [] };
  const whole: ChatCompletion = await client.chat.completions.create(plain);
  void whole;
  // @ts-expect-error the streaming params stream
  const notStreaming: ChatCompletionCreateParamsStreaming = { model: 'gpt-4o', messages: [], stream: false };
  void notStreaming;
  // openai-node's examples/types.ts: the params type is the union of both forms, so a value declared
  // with it narrows to the one it sets, and so does the call's result.
  const declared: OpenAI.Chat.ChatCompletionCreateParams = { model: 'gpt-4o', messages: [] };
  const narrowed: ChatCompletion = await client.chat.completions.create(declared);
  const declaredStreaming: OpenAI.Chat.ChatCompletionCreateParams = { model: 'gpt-4o', messages: [], stream: true };
  for await (const chunk of await client.chat.completions.create(declaredStreaming)) void chunk.choices[0]?.delta.content;
  // A `boolean` switch takes the fields both forms share, and resolves to either.
  const either: OpenAI.Chat.ChatCompletionCreateParamsBase = { model: 'gpt-4o', messages: [], stream: Math.random() > 0.5 };
  const eitherResult: Stream<ChatCompletionChunk> | ChatCompletion = await client.chat.completions.create(either);
  const responsesInput: OpenAI.Responses.ResponseCreateParams = { model: 'gpt-4o', input: 'Hi' };
  const response: OpenAI.Responses.Response = await client.responses.create(responsesInput);
  void [narrowed, eitherResult, response];
  try {
    await client.models.retrieve('nope');
  } catch (err) {
    const base: typeof OpenAI.OpenAIError = OpenAIError;
    if (err instanceof base && err instanceof OpenAI.APIError) void err.status;
  }
}

/** openai-node's short names for a method's types, by resource (`OpenAI.FineTuning.JobCreateParams`). */
export async function openaiNodeShortNames(client: OpenAI): Promise<void> {
  const job: OpenAI.FineTuning.JobCreateParams = { model: 'gpt-4o-mini', training_file: 'file-1' };
  await client.fineTuning.jobs.create(job);
  const run: OpenAI.Beta.Threads.Runs.RunCreateParams = { assistant_id: 'asst_1' };
  await client.beta.threads.runs.create('thread_1', run);
  const transcription: OpenAI.Audio.TranscriptionCreateParams | undefined = undefined;
  const batch: OpenAI.VectorStores.FileBatchCreateParams = { file_ids: ['file_1'] };
  const items: OpenAI.Responses.InputItemListParams = { limit: 10 };
  const speech: OpenAI.Audio.SpeechCreateParams | undefined = undefined;
  // openai-node's deprecated second name of permissions.list (config `aliases`).
  for await (const permission of client.fineTuning.checkpoints.permissions.retrieve('ft:gpt-4o-mini:org::ckpt', { limit: 5 })) void permission.project_id;
  void [run, transcription, batch, items, speech];
}

/** openai-node's tool unions (config `types:` by pointer): a message's tool calls and a request's tools are either kind. */
export async function toolUnions(client: OpenAI): Promise<string[]> {
  const tools: OpenAI.Chat.ChatCompletionTool[] = [
    { type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } },
    { type: 'custom', custom: { name: 'grammar' } },
  ];
  const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], tools });
  const calls: OpenAI.Chat.ChatCompletionMessageToolCall[] = completion.choices[0]?.message.tool_calls ?? [];
  const fn: OpenAI.Chat.ChatCompletionMessageFunctionToolCall | undefined = calls.find((c) => c.type === 'function');
  void fn;
  return calls.map((call) => (call.type === 'function' ? call.function.name : call.custom.name));
}

/** A Responses input by openai-node's names, under the resource that uses them (config `types:` and the root namespace). */
export async function responsesInput(client: OpenAI): Promise<void> {
  const item: OpenAI.Responses.ResponseInputItem = { role: 'user', content: 'Hi' };
  const input: OpenAI.Responses.ResponseInput = [item];
  await client.responses.create({ model: 'gpt-4o', input });
}

/** openai-node's streaming helper (hand-written, spec/openai/custom/): events typed by name, final values typed. */
export async function chatCompletionStreamHelper(client: OpenAI): Promise<string | null> {
  const stream = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }, { timeout: 5_000 });
  stream.on('content', (delta: string, snapshot: string) => void [delta, snapshot]);
  stream.on('tool_calls.function.arguments.delta', (e) => void [e.name, e.index, e.arguments_delta]);
  // @ts-expect-error `content` listeners take strings
  stream.on('content', (delta: number) => void delta);
  for await (const chunk of stream) void (chunk satisfies ChatCompletionChunk);
  const completion: ChatCompletion = await stream.finalChatCompletion();
  const usage: NonNullable<ChatCompletion['usage']> = await stream.totalUsage();
  void [completion, usage];
  // @ts-expect-error stream() always streams
  client.chat.completions.stream({ model: 'gpt-4o', messages: [], stream: false });
  return stream.finalContent();
}

/** Structured outputs (hand-written `parse()` and `<pkg>/helpers/zod`): the parsed value has the schema's type. */
export async function structuredOutputs(client: OpenAI): Promise<void> {
  const { z } = await import('zod');
  const { zodResponseFormat, zodTextFormat, zodFunction } = await import('../../../generated/openai/client/src/lib/helpers/zod.js');
  const Event = z.object({ name: z.string(), day: z.number().int(), note: z.string().nullable() });
  const completion = await client.chat.completions.parse({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'When?' }],
    response_format: zodResponseFormat(Event, 'event'),
    tools: [zodFunction({ name: 'book', parameters: z.object({ seats: z.number() }) })],
  });
  const parsed: { name: string; day: number; note: string | null } | null | undefined = completion.choices[0]?.message.parsed;
  // @ts-expect-error `day` is a number
  const wrong: { day: string } | null | undefined = completion.choices[0]?.message.parsed;
  const plain = await client.chat.completions.parse({ model: 'gpt-4o', messages: [] });
  const none: null | undefined = plain.choices[0]?.message.parsed;
  const response = await client.responses.parse({ model: 'gpt-4o', input: 'When?', text: { format: zodTextFormat(Event, 'event') } });
  const output: { name: string } | null = response.output_parsed;
  void [parsed, wrong, none, output];
}

/** Whether two types are the same (not merely assignable). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** openai-node's poll helpers (normalize/polling.ts), with its argument order; each resolves to the polled object. */
export async function pollHelpers(client: OpenAI): Promise<void> {
  const polled = client.beta.threads.runs.poll('run', { thread_id: 't' });
  const isRun: Same<Awaited<typeof polled>, Run> = true;
  const created: Run = await client.beta.threads.runs.createAndPoll('thread_1', { assistant_id: 'asst_1' }, { pollIntervalMs: 500 });
  const submitted: Run = await client.beta.threads.runs.submitToolOutputsAndPoll('run_1', { thread_id: 'thread_1', tool_outputs: [] });
  const file: FileObject = await client.files.waitForProcessing('file_1', { pollInterval: 1000, maxWait: 60_000 });
  const batch: VectorStoreFileBatch = await client.vectorStores.fileBatches.poll('vs_1', 'vsfb_1');
  await client.vectorStores.files.createAndPoll('vs_1', { file_id: 'file_1' });
  // @ts-expect-error -- `poll` takes the retrieve's params: the thread is required
  await client.beta.threads.runs.poll('run');
  // @ts-expect-error -- the wait method's options are `pollInterval` and `maxWait`, not `pollIntervalMs`
  await client.files.waitForProcessing('file_1', { pollIntervalMs: 1 });
  void [isRun, created, submitted, file, batch];
}

/** openai-node's Responses streaming helper (hand-written): listeners typed by event type, the final response typed. */
export async function responseStreamHelper(client: OpenAI): Promise<string> {
  const stream = client.responses.stream({ model: 'gpt-4o', input: 'Hi' });
  stream.on('response.output_text.delta', (event) => void [event.delta, event.snapshot, event.output_index]);
  stream.on('response.completed', (event) => void event.response.id);
  // @ts-expect-error a text delta has no `response`
  stream.on('response.output_text.delta', (event) => void event.response);
  for await (const event of stream) void event.type;
  const response = await stream.finalResponse();
  return response.output_text ?? '';
}

/** openai-node's upload helpers (hand-written): their arguments and results typed. */
export async function uploadHelpers(client: OpenAI): Promise<void> {
  const file = await toFile(new Uint8Array([104, 105]), 'hi.txt');
  const attached: OpenAI.VectorStores.VectorStoreFile = await client.vectorStores.files.uploadAndPoll('vs_1', file, { pollIntervalMs: 500 });
  const batch: VectorStoreFileBatch = await client.vectorStores.fileBatches.uploadAndPoll('vs_1', { files: [file], fileIds: ['file_1'] }, { maxConcurrency: 2 });
  const run: Run = await client.beta.threads.createAndRunPoll({ assistant_id: 'asst_1' }, { pollIntervalMs: 500 });
  // @ts-expect-error the vector store id comes first
  await client.vectorStores.files.upload(file, 'vs_1');
  void [attached, batch, run];
}

/** openai-node's tool runner (hand-written): tools carry their functions, the runner's final values are typed. */
export async function runToolsHelper(client: OpenAI): Promise<string | null> {
  const runner = client.chat.completions.runTools({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'Weather?' }],
    tools: [{ type: 'function', function: { name: 'weather', parse: JSON.parse, parameters: { type: 'object' }, function: (args: { city: string }) => args.city } }],
  }, { maxChatCompletions: 3 });
  runner.on('functionToolCallResult', (result: string) => void result);
  const usage: NonNullable<ChatCompletion['usage']> = await runner.totalUsage();
  void usage;
  return runner.finalContent();
}

/** A streamed structured output: `parsed` typed by the zod schema on the done event and the final message. */
export async function parsingStream(client: OpenAI): Promise<void> {
  const { z } = await import('zod');
  const { zodResponseFormat } = await import('../../../generated/openai/client/src/lib/helpers/zod.js');
  const Math = z.object({ steps: z.array(z.string()), final_answer: z.string() });
  const stream = client.chat.completions
    .stream({ model: 'gpt-4o', messages: [], response_format: zodResponseFormat(Math, 'math') })
    .on('content.delta', ({ snapshot, parsed }) => void [snapshot, parsed])
    .on('content.done', (props) => void props.parsed?.final_answer);
  const message = (await stream.finalChatCompletion()).choices[0]?.message;
  const steps: string[] | undefined = message?.parsed?.steps;
  void steps;
}
