/**
 * A worker thread of `workbench convert` (started by convertThreads.ts): it loads the two
 * codecs, says it is ready, then converts each batch of documents it is sent and sends back
 * what came of them (convertDocuments.ts). Its errors are part of what it sends; anything else
 * that throws ends the worker, which fails the conversion.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCodec } from './convertCodecs';
import { DocumentConverter, type DocumentConversion } from './convertDocuments';
import { convertBatch, type BatchRequest, type WorkerMessage } from './convertThreads';

const setting = workerData as DocumentConversion;
const port = parentPort!;
const [source, target] = await Promise.all([loadCodec(setting.from), loadCodec(setting.to)]);
const converter = new DocumentConverter(source, target, setting);
const send = (m: WorkerMessage) => port.postMessage(m);
port.on('message', ({ id, groups }: BatchRequest) => send({ type: 'done', id, batch: convertBatch(converter, groups) }));
send({ type: 'ready' });
