/**
 * The names of the API's operations, and their IPC channels, without their schemas. The
 * sandboxed preload needs only these: importing them from contract.ts bundled all of zod
 * (450 KiB) into it. contract.ts builds `apiContract` against this list, and the compiler
 * refuses a contract with an operation missing from it or not in it, so the two cannot drift.
 */
export const OPERATION_NAMES = [
  'getWorkspace',
  'updateSettings',
  'listArticles',
  'listArticlePage',
  'getArticle',
  'getArticleAnnotations',
  'createArticle',
  'importTextFiles',
  'deleteArticle',
  'editArticle',
  'previewImport',
  'commitImport',
  'exportData',
  'startExport',
  'getExportJob',
  'cancelExportJob',
  'readExportChunk',
  'discardExportJob',
  'beginUpload',
  'appendUpload',
  'discardUpload',
  'listEntities',
  'saveEntity',
  'deleteEntity',
  'mergeEntities',
  'listStatements',
  'getTeamStatus',
  'listArticleLayers',
  'computeAgreement',
  'assignArticles',
  'openAssignmentPackage',
  'exportWorkPackage',
  'collectWorkPackage',
  'getCurationProgress',
  'listEntityProposals',
  'decideEntityProposal',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

export const ipcChannel = (name: OperationName) => `workbench:${name}`;

export function isOperationName(name: string): name is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(name);
}
