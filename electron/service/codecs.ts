/**
 * Which codec serves each format name on the service side: the shared registry, so the app,
 * the browser host and the CLI read and write exactly the same formats.
 */
export { getCodec, FORMAT_CODECS } from '../../shared/formats/registry';
