/**
 * openai-node's upload helpers, which chain two APIs: a file goes up through
 * `files.create` (purpose `assistants`), then is attached to a vector store,
 * and the `…AndPoll` forms wait until the store has processed it.
 *
 *   await client.vectorStores.files.uploadAndPoll('vs_1', fs.createReadStream('doc.pdf'));
 *   await client.vectorStores.fileBatches.uploadAndPoll('vs_1', { files: [a, b], fileIds: ['file_1'] });
 */
import type { RequestOptions } from '../core/request.js';
import { clientOf } from '../core/resource.js';
import { ClientError } from '../core/errors.js';
import type { Uploadable } from '../core/uploads.js';
import type { OpenAI } from '../client.js';
import type { FileObject } from '../resources/files.js';
import type { Files } from '../resources/vector-stores/files.js';
import type { FileBatches } from '../resources/vector-stores/file-batches.js';
import type { VectorStoreFile, VectorStoreFileBatch } from '../resources/vector-stores/file-batches.js';

/** Request options with the poll helpers' interval. */
export type PollOptions = RequestOptions & { pollIntervalMs?: number };

function filesOf(resource: Files | FileBatches): OpenAI['files'] {
  return (clientOf(resource) as OpenAI).files;
}

/** `client.vectorStores.files.upload()`: uploads `file`, then attaches it to the vector store (not waiting for it). */
export async function upload(
  this: Files,
  vectorStoreId: string,
  file: Uploadable,
  options?: RequestOptions,
): Promise<VectorStoreFile> {
  const uploaded = await filesOf(this).create({ file, purpose: 'assistants' }, options);
  return this.create(vectorStoreId, { file_id: uploaded.id }, options);
}

/** `client.vectorStores.files.uploadAndPoll()`: `upload()`, then `poll()` until the store has processed the file. */
export async function uploadAndPoll(
  this: Files,
  vectorStoreId: string,
  file: Uploadable,
  options?: PollOptions,
): Promise<VectorStoreFile> {
  const attached = await upload.call(this, vectorStoreId, file, options);
  return this.poll(vectorStoreId, attached.id, options);
}

/**
 * `client.vectorStores.fileBatches.uploadAndPoll()`: uploads `files` (at most
 * `maxConcurrency` at a time, default 5), then makes a batch of them and of
 * `fileIds`, and polls it until the store has processed them.
 */
export async function uploadAndPollBatch(
  this: FileBatches,
  vectorStoreId: string,
  { files, fileIds = [] }: { files: Uploadable[]; fileIds?: string[] },
  options?: PollOptions & { maxConcurrency?: number },
): Promise<VectorStoreFileBatch> {
  if (files.length === 0)
    throw new ClientError('uploadAndPoll() needs `files`: for file ids alone, use createAndPoll()');
  const fileApi = filesOf(this);
  const uploaded: FileObject[] = new Array(files.length);
  let next = 0;
  // Workers take the next file until none is left: at most `maxConcurrency` uploads run at once.
  const worker = async (): Promise<void> => {
    for (let i = next++; i < files.length; i = next++) {
      uploaded[i] = await fileApi.create({ file: files[i]!, purpose: 'assistants' }, options);
    }
  };
  const concurrency = Math.max(1, Math.min(options?.maxConcurrency ?? 5, files.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  return this.createAndPoll(vectorStoreId, { file_ids: [...fileIds, ...uploaded.map((f) => f.id)] }, options);
}
